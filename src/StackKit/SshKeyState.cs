namespace StackKit;

/// <summary>Whether the servers apply a key (stacks with <see cref="HttpServiceOptions.KeyApproval"/> decide by approval).</summary>
public enum SshKeyState
{
    /// <summary>The servers apply the key: it was approved, or its stack needs no approval.</summary>
    Approved,

    /// <summary>
    /// The key waits for a decision (Approve-HttpServiceSshKey or Deny-HttpServiceSshKey) and reaches no server;
    /// <see cref="SshKey.ExpiresAt"/> is the decision's deadline, after which it is dropped.
    /// </summary>
    Pending,

    /// <summary>
    /// The stack needs approval and the item has neither an approver nor a pending request (a key added before approval
    /// was turned on, or written by other means): no server applies it. Remove it and add it again.
    /// </summary>
    Unapproved,
}
