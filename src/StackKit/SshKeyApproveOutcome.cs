namespace StackKit;

/// <summary>What approving a key did.</summary>
public enum SshKeyApproveOutcome
{
    /// <summary>The key is approved, recorded with you as its approver; its lifetime starts now, and every server accepts it within its sync interval.</summary>
    Approved,

    /// <summary>The key was approved already; nothing was changed (its approver is kept).</summary>
    AlreadyApproved,

    /// <summary>No pending key has that fingerprint (none at all, or its decision's deadline passed); nothing was changed.</summary>
    NotPending,
}
