using StackKit.Server.Storage;

namespace StackKit.Server.Fleet;

/// <summary>One whole read of the key table.</summary>
/// <param name="Grants">The items that are valid keys (their line parses and its fingerprint is the item's) and not expired, with their expiry.</param>
/// <param name="Fingerprints">Every unexpired item's fingerprint, valid or not.</param>
/// <param name="Invalid">How many items are not valid keys (they are neither added nor taken away).</param>
/// <param name="Expired">How many items have expired (their keys are taken away; DynamoDB deletes the items in its own time).</param>
/// <param name="Pending">With key approval, how many unexpired items are not approved (their keys are taken away, never added).</param>
/// <param name="Pages">How many Scan calls the read took.</param>
internal sealed record KeyTableContents(IReadOnlyList<KeyGrant> Grants, IReadOnlySet<string> Fingerprints, int Invalid, int Expired, int Pending, int Pages);
