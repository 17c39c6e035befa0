namespace StackKit.PowerShell.Output;

/// <summary>
/// An SSH key as the key cmdlets write it: flat and serialisable, and carrying the stack, region and endpoint it came
/// from, so that piping it to Remove-HttpServiceSshKey removes it where it is.
/// </summary>
public sealed class SshKeyInfo
{
    /// <summary>The stack whose store holds the key.</summary>
    public required string StackName { get; init; }

    /// <summary>The region the stack is in.</summary>
    public required string Region { get; init; }

    /// <summary>The endpoint it was read from when that is not AWS (moto, LocalStack); empty for AWS.</summary>
    public string? EndpointUrl { get; init; }

    /// <summary>The key's fingerprint as ssh-keygen -l prints it (SHA256:...): its id in the store.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>The key type, e.g. ssh-ed25519.</summary>
    public string? Type { get; init; }

    /// <summary>The key's comment, usually who it belongs to.</summary>
    public string? Comment { get; init; }

    /// <summary>When the key was first added.</summary>
    public DateTimeOffset? AddedAt { get; init; }

    /// <summary>Who added it: an IAM principal ARN, or http: and the client's address for keys POSTed to a server.</summary>
    public string? AddedBy { get; init; }

    /// <summary>When the servers stop accepting the key; empty when it never expires.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Approved (the servers accept it), Pending (waiting for Approve- or Deny-HttpServiceSshKey; ExpiresAt is the deadline) or Unapproved (in the store of a stack with key approval, approved by nobody: no server accepts it).</summary>
    public SshKeyState State { get; init; }

    /// <summary>Who approved the key (an IAM principal ARN), on a stack with key approval.</summary>
    public string? ApprovedBy { get; init; }

    /// <summary>When the key was approved, on a stack with key approval.</summary>
    public DateTimeOffset? ApprovedAt { get; init; }

    /// <summary>The line the servers write to authorized_keys.</summary>
    public string? KeyLine { get; init; }

    /// <summary>Whether the servers accept the key; false for an item they ignore (remove it).</summary>
    public required bool IsValid { get; init; }

    /// <inheritdoc />
    public override string ToString() => Comment is null ? Fingerprint : $"{Fingerprint} ({Comment})";

    /// <summary>The object for <paramref name="key"/>, read in <paramref name="region"/> at <paramref name="endpointUrl"/>.</summary>
    internal static SshKeyInfo From(SshKey key, string region, string? endpointUrl) => new()
    {
        StackName = key.StackName,
        Region = region,
        EndpointUrl = endpointUrl,
        Fingerprint = key.Fingerprint,
        Type = key.Type,
        Comment = key.Comment,
        AddedAt = key.AddedAt,
        AddedBy = key.AddedBy,
        ExpiresAt = key.ExpiresAt,
        State = key.State,
        ApprovedBy = key.ApprovedBy,
        ApprovedAt = key.ApprovedAt,
        KeyLine = key.KeyLine,
        IsValid = key.IsValid,
    };
}
