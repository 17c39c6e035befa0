namespace StackKit.Server.Storage;

/// <summary>What a sync makes the managed keys equal to (<see cref="AuthorizedKeysStore.SyncAsync"/>).</summary>
/// <param name="Grants">The keys to let in, each with its expiry.</param>
/// <param name="Keep">
/// The fingerprints whose managed keys stay (every one the table holds, also of items that are not valid keys); null
/// to keep every managed key but the expired ones.
/// </param>
/// <param name="Now">The time expiries are judged at: a managed line whose expiry is not after it goes.</param>
internal sealed record KeySyncRequest(IReadOnlyList<KeyGrant> Grants, IReadOnlySet<string>? Keep, DateTimeOffset Now);
