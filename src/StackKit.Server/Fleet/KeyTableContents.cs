using StackKit.Keys;

namespace StackKit.Server.Fleet;

/// <summary>One whole read of the key table.</summary>
/// <param name="Keys">The items that are valid keys (their line parses and its fingerprint is the item's).</param>
/// <param name="Fingerprints">Every item's fingerprint, valid or not.</param>
/// <param name="Invalid">How many items are not valid keys (they are neither added nor taken away).</param>
/// <param name="Pages">How many Scan calls the read took.</param>
internal sealed record KeyTableContents(IReadOnlyList<OpenSshPublicKey> Keys, IReadOnlySet<string> Fingerprints, int Invalid, int Pages);
