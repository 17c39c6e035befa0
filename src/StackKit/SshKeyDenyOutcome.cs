namespace StackKit;

/// <summary>What denying a key did.</summary>
public enum SshKeyDenyOutcome
{
    /// <summary>The pending key is gone: it never reached a server.</summary>
    Denied,

    /// <summary>The key is not pending (it was approved): nothing was changed. Remove-HttpServiceSshKey takes an approved key away.</summary>
    NotPending,

    /// <summary>The store held no key with that fingerprint; nothing was changed.</summary>
    DidNotExist,
}
