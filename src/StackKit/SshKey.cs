namespace StackKit;

/// <summary>An SSH public key in a stack's key store: every server of the stack accepts it.</summary>
public sealed class SshKey
{
    /// <summary>The stack whose store holds the key.</summary>
    public required string StackName { get; init; }

    /// <summary>The key's fingerprint as <c>ssh-keygen -l</c> prints it (<c>SHA256:…</c>): its id in the store.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>The key type, e.g. <c>ssh-ed25519</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The key's comment, usually who it belongs to; null when it has none.</summary>
    public string? Comment { get; init; }

    /// <summary>When the key was first added (UTC).</summary>
    public DateTimeOffset? AddedAt { get; init; }

    /// <summary>Who added it: an IAM principal ARN, or <c>http:</c> and the client's address for keys POSTed to a server.</summary>
    public string? AddedBy { get; init; }

    /// <summary>
    /// When the servers stop accepting the key (UTC); null when it never expires. For a <see cref="SshKeyState.Pending"/>
    /// key, the deadline of the decision. A key past this time may still be listed until DynamoDB deletes its item
    /// (within days), but no server accepts it.
    /// </summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Whether the servers apply the key, or it waits for approval (stacks with <see cref="HttpServiceOptions.KeyApproval"/>).</summary>
    public SshKeyState State { get; init; }

    /// <summary>Who approved the key: the approver's IAM principal ARN; null when nobody did.</summary>
    public string? ApprovedBy { get; init; }

    /// <summary>When the key was approved (UTC); null when it was not.</summary>
    public DateTimeOffset? ApprovedAt { get; init; }

    /// <summary>The key line the servers write to <c>authorized_keys</c>: <c>type base64 [comment]</c>, no options.</summary>
    public string? KeyLine { get; init; }

    /// <summary>
    /// Whether the servers accept the key: its line passes the shared validation and has this fingerprint. An item
    /// written by other means that fails this is ignored by every server; remove it.
    /// </summary>
    public bool IsValid { get; init; }

    /// <inheritdoc />
    public override string ToString() => Comment is null ? Fingerprint : $"{Fingerprint} ({Comment})";
}
