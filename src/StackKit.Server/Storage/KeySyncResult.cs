namespace StackKit.Server.Storage;

/// <summary>What <see cref="AuthorizedKeysStore.SyncAsync"/> changed.</summary>
/// <param name="Added">Keys added to authorized_keys (and authorized_keys.d).</param>
/// <param name="Removed">Managed keys taken away.</param>
/// <param name="Full">Keys not added because a cap (<see cref="AuthorizedKeysStore.MaxKeys"/>, <see cref="AuthorizedKeysStore.MaxFileBytes"/>) was reached.</param>
internal sealed record KeySyncResult(int Added, int Removed, int Full)
{
    /// <summary>True when nothing was written.</summary>
    public bool Unchanged => Added == 0 && Removed == 0;
}
