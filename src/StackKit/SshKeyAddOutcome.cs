namespace StackKit;

/// <summary>What adding a key did.</summary>
public enum SshKeyAddOutcome
{
    /// <summary>The key is new in the store; every server picks it up at its next sync.</summary>
    Added,

    /// <summary>The store already held the key; nothing was changed (who added it first, and when, are kept).</summary>
    AlreadyPresent,
}
