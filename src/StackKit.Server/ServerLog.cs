using Microsoft.Extensions.Logging;

namespace StackKit.Server;

/// <summary>The service's log lines: structured, and never holding a request body or a password.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(1, LogLevel.Information, "Added SSH public key {Fingerprint} ({Comment}) to {AuthorizedKeysPath}")]
    public static partial void KeyAdded(ILogger logger, string fingerprint, string? comment, string authorizedKeysPath);

    [LoggerMessage(2, LogLevel.Information, "SSH public key {Fingerprint} ({Comment}) is already in {AuthorizedKeysPath}")]
    public static partial void KeyAlreadyPresent(ILogger logger, string fingerprint, string? comment, string authorizedKeysPath);

    [LoggerMessage(4, LogLevel.Warning, "SSH public key {Fingerprint} ({Comment}) is in {AuthorizedKeysPath} only on a line with options; left unchanged")]
    public static partial void KeyPresentWithOptions(ILogger logger, string fingerprint, string? comment, string authorizedKeysPath);

    [LoggerMessage(3, LogLevel.Warning, "KeyInjection uses the well-known default password 'secret' (default credentials admin/secret): anyone who can reach this service can add SSH keys. Set KeyInjection__Password (and KeyInjection__Username).")]
    public static partial void DefaultPasswordInUse(ILogger logger);
}
