namespace StackKit.Preflight;

/// <summary>What a registry said about one image manifest, asked anonymously as the instances will ask.</summary>
internal enum RegistryAnswer
{
    /// <summary>The manifest exists and anonymous pulls may read it.</summary>
    Found,

    /// <summary>The registry answered that the repository or the tag/digest does not exist.</summary>
    NotFound,

    /// <summary>The registry wants credentials (or refused the anonymous token): the instances could not pull it.</summary>
    CredentialsRequired,

    /// <summary>No usable answer: DNS, connection, timeout, rate limit or a server error.</summary>
    Unreachable,
}
