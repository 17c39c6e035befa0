using Microsoft.Extensions.Logging;

namespace StackKit.Server;

/// <summary>The service's log lines: structured, and never holding a request body or a password.</summary>
internal static partial class ServerLog
{
    /// <summary>The longest comment written to a log line, in characters; longer ones are cut with an ellipsis.</summary>
    public const int MaxLoggedCommentLength = 64;

    /// <summary>A key comment as logged: cut to <see cref="MaxLoggedCommentLength"/> (never inside a surrogate pair).</summary>
    public static string? Cut(string? comment)
    {
        if (comment is null || comment.Length <= MaxLoggedCommentLength)
        {
            return comment;
        }

        var end = char.IsHighSurrogate(comment[MaxLoggedCommentLength - 1]) ? MaxLoggedCommentLength - 1 : MaxLoggedCommentLength;
        return comment[..end] + "…";
    }

    [LoggerMessage(1, LogLevel.Information, "Added SSH public key {Fingerprint} ({Comment}) to {AuthorizedKeysPath}")]
    public static partial void KeyAdded(ILogger logger, string fingerprint, string? comment, string authorizedKeysPath);

    [LoggerMessage(2, LogLevel.Information, "SSH public key {Fingerprint} ({Comment}) is already in {AuthorizedKeysPath}")]
    public static partial void KeyAlreadyPresent(ILogger logger, string fingerprint, string? comment, string authorizedKeysPath);

    [LoggerMessage(4, LogLevel.Warning, "SSH public key {Fingerprint} ({Comment}) is in {AuthorizedKeysPath} only on a line with options; left unchanged")]
    public static partial void KeyPresentWithOptions(ILogger logger, string fingerprint, string? comment, string authorizedKeysPath);

    [LoggerMessage(5, LogLevel.Warning, "Failed authentication for POST /add_public_key from {Client} ({Unlogged} more failed or refused attempts since the last such line)")]
    public static partial void AuthenticationFailed(ILogger logger, string client, long unlogged);

    [LoggerMessage(6, LogLevel.Warning, "Refused POST /add_public_key from {Client} with 429: too many failed authentications ({Unlogged} more failed or refused attempts since the last such line)")]
    public static partial void AuthenticationBlocked(ILogger logger, string client, long unlogged);

    [LoggerMessage(7, LogLevel.Warning, "SSH public key {Fingerprint} not added: {AuthorizedKeysPath} is at its cap ({MaxKeys} keys, {MaxFileBytes} bytes)")]
    public static partial void StoreFull(ILogger logger, string fingerprint, string authorizedKeysPath, int maxKeys, long maxFileBytes);

    [LoggerMessage(8, LogLevel.Error, "SSH public key {Fingerprint} not added: no space left in {SshDirectory} ({Reason})")]
    public static partial void DiskFull(ILogger logger, string fingerprint, string sshDirectory, string reason);

    [LoggerMessage(3, LogLevel.Warning, "KeyInjection uses the well-known default password 'secret' (default credentials admin/secret): anyone who can reach this service can add SSH keys. Set KeyInjection__Password (and KeyInjection__Username).")]
    public static partial void DefaultPasswordInUse(ILogger logger);
}
