namespace StackKit.Server;

/// <summary>
/// Settings of <c>POST /add_public_key</c>, bound from the <c>KeyInjection</c> configuration section
/// (environment: <c>KeyInjection__SshDirectory</c>, <c>KeyInjection__Username</c>, <c>KeyInjection__PasswordHash</c>
/// or <c>KeyInjection__Password</c>).
/// </summary>
public sealed class KeyInjectionOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "KeyInjection";

    /// <summary>The user name used when none is configured.</summary>
    public const string DefaultUsername = "admin";

    /// <summary>The password used when none is configured; weak, so every deployment should set its own.</summary>
    public const string DefaultPassword = "secret";

    /// <summary>The <c>.ssh</c> directory to write; the running user's <c>~/.ssh</c> when empty.</summary>
    public string? SshDirectory { get; set; }

    /// <summary>The Basic authentication user name; must not contain ':'.</summary>
    public string Username { get; set; } = DefaultUsername;

    /// <summary>The Basic authentication password, for local runs; a deployment sets <see cref="PasswordHash"/> instead.</summary>
    public string Password { get; set; } = DefaultPassword;

    /// <summary>
    /// The password's salted slow hash, <c>pbkdf2-sha256$&lt;iterations&gt;$&lt;salt base64&gt;$&lt;key base64&gt;</c>
    /// (PBKDF2-HMAC-SHA256, 16-byte salt, 32-byte key); when set, it replaces <see cref="Password"/>, so the server's
    /// settings never hold the password. A malformed value stops the server at start-up.
    /// </summary>
    public string? PasswordHash { get; set; }

    /// <summary>Fleet mode: the key table every server takes its keys from (section <c>KeyInjection:Fleet</c>).</summary>
    public Fleet.FleetOptions Fleet { get; set; } = new();

    /// <summary>The most keys authorized_keys may hold before adds answer 507; default 2000.</summary>
    public int MaxKeys { get; set; } = Storage.AuthorizedKeysStore.DefaultMaxKeys;

    /// <summary>The largest size, in bytes, adds may take authorized_keys to before they answer 507; default 4 MiB.</summary>
    public long MaxFileBytes { get; set; } = Storage.AuthorizedKeysStore.DefaultMaxFileBytes;

    /// <summary>
    /// Whether the client's address is the last one in <c>X-Forwarded-For</c> (the one the load balancer appended)
    /// rather than the connection's peer. Set it only behind a load balancer that appends that header: otherwise a
    /// client could send any address to escape its rate limit. Default false.
    /// </summary>
    public bool TrustForwardedFor { get; set; }

    /// <summary>
    /// How long a key POSTed without <c>valid_for_seconds</c> lets its holder in; <c>00:00:00</c> means such keys never
    /// expire (set it only on purpose). Default 12 hours: a working day and some, so a key nobody removes is gone by the
    /// next morning.
    /// </summary>
    public TimeSpan DefaultKeyLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// Whether keys may forward ports, the agent and X11: their lines then go without <c>restrict,pty</c>. Default
    /// false: a key gets a shell or a command, and nothing else.
    /// </summary>
    public bool AllowForwarding { get; set; }

    /// <summary>The lifetime of keys POSTed without one; null when they never expire.</summary>
    internal TimeSpan? ResolvedDefaultKeyLifetime => DefaultKeyLifetime == TimeSpan.Zero ? null : DefaultKeyLifetime;

    /// <summary>
    /// True while the password is still the well-known default and no <see cref="PasswordHash"/> replaces it (the
    /// server also warns about a hash of the default). The user name alone guards nothing: 'admin' with a strong
    /// password is safe, and the default password with any user name is not.
    /// </summary>
    public bool UsesDefaultPassword => string.IsNullOrEmpty(PasswordHash) && Password == DefaultPassword;

    /// <summary>The directory to write, with the default applied.</summary>
    public string ResolvedSshDirectory => string.IsNullOrEmpty(SshDirectory)
        ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh")
        : SshDirectory;
}
