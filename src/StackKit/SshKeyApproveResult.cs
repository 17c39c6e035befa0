namespace StackKit;

/// <summary>The outcome of approving a key, and the key as the store then holds it (null when there is none).</summary>
/// <param name="Outcome">Approved, approved already, or not pending.</param>
/// <param name="Key">The stored key, with its approver and its expiry; null when the store holds no key with that fingerprint.</param>
public sealed record SshKeyApproveResult(SshKeyApproveOutcome Outcome, SshKey? Key);
