namespace StackKit;

/// <summary>What adding a key did.</summary>
public enum SshKeyAddOutcome
{
    /// <summary>The key is new in the store; every server picks it up at its next sync.</summary>
    Added,

    /// <summary>
    /// The store already held the key, for at least as long; nothing was changed (who added it first, and when, are
    /// kept). An add never shortens a key's life: remove the key first for that.
    /// </summary>
    AlreadyPresent,

    /// <summary>The store held the key until an earlier time (or it had expired): it now lasts as asked, recorded as added now by you.</summary>
    Extended,

    /// <summary>
    /// The stack needs approval and you may not approve (no dynamodb:UpdateItem on its key table): the key is stored
    /// pending, reaches no server until approved (Approve-HttpServiceSshKey), and is dropped after 24 hours otherwise.
    /// </summary>
    Pending,
}
