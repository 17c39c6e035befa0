namespace StackKit.PowerShell.Output;

/// <summary>One change to a stack's SSH keys as Get-HttpServiceSshKey -History writes it: flat and serialisable.</summary>
public sealed class SshKeyChangeInfo
{
    /// <summary>When DynamoDB recorded the change.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>What happened: Added, Pending, Approved, Denied, Removed or Expired.</summary>
    public required SshKeyChangeKind Change { get; init; }

    /// <summary>The key's fingerprint (SHA256:...).</summary>
    public string? Fingerprint { get; init; }

    /// <summary>The key type, e.g. ssh-ed25519.</summary>
    public string? Type { get; init; }

    /// <summary>The key's comment.</summary>
    public string? Comment { get; init; }

    /// <summary>Who made the change: an IAM principal ARN, http: and a client address, DynamoDB time to live, or not recorded.</summary>
    public required string By { get; init; }

    /// <summary>When the key stops being accepted (a pending key: the decision deadline); empty when it never expires.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The stack whose keys changed.</summary>
    public required string StackName { get; init; }

    /// <summary>The region the stack is in.</summary>
    public required string Region { get; init; }

    /// <summary>The stream record's id: a change delivered twice shows once.</summary>
    public string? EventId { get; init; }

    /// <summary>The object for <paramref name="change"/>, read in <paramref name="region"/>.</summary>
    internal static SshKeyChangeInfo From(SshKeyChange change, string region) => new()
    {
        At = change.At,
        Change = change.Change,
        Fingerprint = change.Fingerprint,
        Type = change.Type,
        Comment = change.Comment,
        By = change.By,
        ExpiresAt = change.ExpiresAt,
        StackName = change.StackName,
        Region = region,
        EventId = change.EventId,
    };
}
