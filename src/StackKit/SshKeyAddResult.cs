namespace StackKit;

/// <summary>The outcome of adding a key, and the key as the store holds it.</summary>
/// <param name="Outcome">Added, or already there.</param>
/// <param name="Key">The stored key: for a key already there, with its first <see cref="SshKey.AddedAt"/> and <see cref="SshKey.AddedBy"/>.</param>
public sealed record SshKeyAddResult(SshKeyAddOutcome Outcome, SshKey Key);
