namespace StackKit;

/// <summary>One change to a stack's SSH keys, as its audit trail records it (<see cref="IHttpServiceStacks.ReadSshKeyHistoryAsync"/>).</summary>
public sealed class SshKeyChange
{
    /// <summary>The stack whose key table changed.</summary>
    public required string StackName { get; init; }

    /// <summary>What happened.</summary>
    public required SshKeyChangeKind Change { get; init; }

    /// <summary>The key's fingerprint, as the table's item holds it.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>The key's type, such as <c>ssh-ed25519</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The key's comment.</summary>
    public string? Comment { get; init; }

    /// <summary>
    /// Who made the change, as the item records it: an IAM principal ARN, <c>http:</c> and a client address for a
    /// password POST, <c>DynamoDB time to live</c>, or <c>not recorded</c> for a direct table write that names nobody.
    /// </summary>
    public required string By { get; init; }

    /// <summary>When DynamoDB recorded the change (to the second).</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>When the key stops being accepted (a pending key: its decision deadline); null when it never expires.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The stream record's id: the same change delivered twice (Lambda retries a batch) has the same id.</summary>
    public string? EventId { get; init; }
}
