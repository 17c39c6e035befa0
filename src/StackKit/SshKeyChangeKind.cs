namespace StackKit;

/// <summary>What happened to an SSH key, as the stack's audit trail records it.</summary>
public enum SshKeyChangeKind
{
    /// <summary>The key was added (or added again, or its item rewritten) and is in force.</summary>
    Added,

    /// <summary>The key was added on a stack with key approval and waits for an approver.</summary>
    Pending,

    /// <summary>An approver let the pending key in.</summary>
    Approved,

    /// <summary>A pending key was deleted before anyone approved it.</summary>
    Denied,

    /// <summary>A key in force was deleted.</summary>
    Removed,

    /// <summary>DynamoDB's time to live deleted the key's item after its expiry (the key itself stopped working at that time).</summary>
    Expired,
}
