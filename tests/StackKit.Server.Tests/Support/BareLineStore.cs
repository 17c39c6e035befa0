using StackKit.Keys;
using StackKit.Server.Storage;

namespace StackKit.Server.Tests.Support;

/// <summary>
/// The store's file mechanics are tested with keys that never expire on a store that allows forwarding: their lines
/// are then the keys' own, byte for byte. The line options have tests of their own (KeyExpiryTests, SshLoginTests).
/// </summary>
internal static class BareLineStore
{
    public static Task<KeyAddOutcome> AddAsync(this AuthorizedKeysStore store, OpenSshPublicKey key) => store.AddAsync(key, expiresAt: null);

    public static Task<KeySyncResult> SyncAsync(this AuthorizedKeysStore store, IReadOnlyList<OpenSshPublicKey> keys, IReadOnlySet<string> keep) =>
        store.SyncAsync([.. keys.Select(key => new KeyGrant(key, null))], keep, DateTimeOffset.UtcNow);
}
