namespace StackKit;

/// <summary>What removing a key did.</summary>
public enum SshKeyRemoveOutcome
{
    /// <summary>The key was in the store and is gone; every server takes it out at its next sync.</summary>
    Removed,

    /// <summary>The store held no key with that fingerprint; nothing was changed.</summary>
    DidNotExist,
}
