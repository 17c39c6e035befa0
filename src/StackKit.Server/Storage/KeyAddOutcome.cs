namespace StackKit.Server.Storage;

/// <summary>What <see cref="AuthorizedKeysStore.AddAsync"/> did with a key.</summary>
internal enum KeyAddOutcome
{
    /// <summary>The key was new: it is now in authorized_keys and authorized_keys.d.</summary>
    Added,

    /// <summary>authorized_keys already held the key on a plain (option-less) line; nothing changed.</summary>
    AlreadyPresent,

    /// <summary>
    /// authorized_keys holds the key only on a line with options (such as <c>restrict</c> or <c>cert-authority</c>);
    /// nothing changed, since an unrestricted copy would widen what an administrator restricted.
    /// </summary>
    PresentWithOptions,

    /// <summary>
    /// The key is new but was not added: authorized_keys already holds <see cref="AuthorizedKeysStore.MaxKeys"/> keys,
    /// or the line would take it over <see cref="AuthorizedKeysStore.MaxFileBytes"/>.
    /// </summary>
    Full,
}
