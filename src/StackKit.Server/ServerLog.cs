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

    [LoggerMessage(9, LogLevel.Warning, "SSH public key {Fingerprint} not added: the key table {TableName} is unavailable ({Reason}); answered 503, nothing changed")]
    public static partial void KeyTableUnavailable(ILogger logger, string fingerprint, string tableName, string reason);

    [LoggerMessage(10, LogLevel.Warning, "Cannot read the key table {TableName} ({Reason}); valid keys on this server are left as they are until it can, expired ones still go")]
    public static partial void KeyTableReadFailed(ILogger logger, string tableName, string reason);

    [LoggerMessage(11, LogLevel.Error, "Cannot apply the key table to {SshDirectory} ({Reason}); retrying at the next sync")]
    public static partial void KeySyncWriteFailed(ILogger logger, string sshDirectory, string reason);

    [LoggerMessage(12, LogLevel.Information, "Synced from the key table {TableName}: {Added} keys added, {Removed} taken away in {AuthorizedKeysPath}")]
    public static partial void KeysSynced(ILogger logger, int added, int removed, string tableName, string authorizedKeysPath);

    [LoggerMessage(13, LogLevel.Warning, "The key table {TableName} is not fully applied: {Full} keys over this server's cap of {MaxKeys} keys, {Invalid} items that are not valid keys (left alone)")]
    public static partial void KeyTableNotFullyApplied(ILogger logger, string tableName, int full, int invalid, int maxKeys);

    [LoggerMessage(14, LogLevel.Information, "The key table {TableName} is applied again")]
    public static partial void KeyTableSyncRecovered(ILogger logger, string tableName);

    [LoggerMessage(30, LogLevel.Information, "Expired keys taken away: {Removed} in {AuthorizedKeysPath}")]
    public static partial void ExpiredKeysRemoved(ILogger logger, int removed, string authorizedKeysPath);

    [LoggerMessage(3, LogLevel.Warning, "KeyInjection uses the well-known default password 'secret' (default credentials admin/secret): anyone who can reach this service can add SSH keys. Set KeyInjection__PasswordHash (or, for a local run, KeyInjection__Password) and KeyInjection__Username.")]
    public static partial void DefaultPasswordInUse(ILogger logger);

    [LoggerMessage(31, LogLevel.Warning, "SSH public key {Fingerprint} ({Comment}) from {Client} is pending approval in key table {TableName}; it reaches no server until approved")]
    public static partial void KeyPending(ILogger logger, string fingerprint, string? comment, string client, string tableName);

    [LoggerMessage(32, LogLevel.Warning, "SSH public key {Fingerprint} ({Comment}) from {Client} is refused: key table {TableName} holds it without an approval, and no server applies it")]
    public static partial void KeyUnapproved(ILogger logger, string fingerprint, string? comment, string client, string tableName);

    [LoggerMessage(33, LogLevel.Warning, "SSH public key {Fingerprint} ({Comment}) from {Client} is refused: key table {TableName} holds {MaxPending} keys waiting for approval, the most it takes")]
    public static partial void PendingFull(ILogger logger, string fingerprint, string? comment, string client, string tableName, int maxPending);
}
