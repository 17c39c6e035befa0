using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using StackKit.Keys;
using StackKit.Server.Fleet;
using StackKit.Server.Storage;

namespace StackKit.Server.Endpoints;

/// <summary><c>POST /add_public_key</c>: glues Basic authentication and the request body to the store.</summary>
internal sealed class AddPublicKeyEndpoint(
    BasicCredentials credentials, FailedLoginLimiter limiter, bool trustForwardedFor, AuthorizedKeysStore store, KeyTable? table,
    TimeProvider time, ILogger logger, TimeSpan? defaultLifetime)
{
    /// <summary>Seconds a client is told to wait (Retry-After) when the key table is unavailable.</summary>
    public const int TableRetryAfterSeconds = 5;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var client = ClientAddress.Of(context, trustForwardedFor);
        var check = await credentials.CheckAsync(request.Headers.Authorization, client, logger, context.RequestAborted);
        if (check == CredentialCheck.Blocked)
        {
            limiter.RecordBlocked(client, logger);
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(limiter.Replenishment.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await WriteTextAsync(context, StatusCodes.Status429TooManyRequests, $"Too many failed authentications from {client}; try again after the Retry-After seconds, with the configured user name and password.");
            return;
        }

        if (check != CredentialCheck.Accepted)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"StackKit\", charset=\"UTF-8\"";
            await WriteTextAsync(context, StatusCodes.Status401Unauthorized, "Authentication required: send the configured user name and password with HTTP Basic authentication (curl --user NAME:PASSWORD).");
            return;
        }

        if (!IsAcceptedContentType(request.ContentType))
        {
            await WriteTextAsync(context, StatusCodes.Status415UnsupportedMediaType, $"Content-Type '{request.ContentType}' is not accepted; send application/json.");
            return;
        }

        var body = await ReadBodyAsync(request);
        if (body is null)
        {
            await WriteTextAsync(context, StatusCodes.Status413PayloadTooLarge, $"The body is larger than {AddPublicKeyRequest.MaxBodyBytes} bytes; send one public key.");
            return;
        }

        OpenSshPublicKey key;
        TimeSpan? requestedLifetime;
        DateTimeOffset? expiresAt;
        try
        {
            (key, var validFor) = AddPublicKeyRequest.Parse(body);
            requestedLifetime = validFor ?? defaultLifetime;
            expiresAt = requestedLifetime is { } lifetime ? time.GetUtcNow() + lifetime : null;
        }
        catch (FormatException exception)
        {
            await WriteTextAsync(context, StatusCodes.Status400BadRequest, exception.Message);
            return;
        }

        if (table is not null)
        {
            bool stored;
            (stored, expiresAt) = await PutInTableAsync(context, key, requestedLifetime, expiresAt, client, table);
            if (!stored)
            {
                return;
            }
        }

        KeyAddOutcome outcome;
        try
        {
            outcome = await store.AddAsync(key, expiresAt);
        }
        catch (IOException exception) when (IsDiskFull(exception))
        {
            ServerLog.DiskFull(logger, key.Fingerprint, store.SshDirectory, exception.Message);
            await WriteTextAsync(context, StatusCodes.Status507InsufficientStorage,
                $"No space left for key {key.Fingerprint} in {store.SshDirectory}; nothing was added. Free disk space on the server and try again.");
            return;
        }

        switch (outcome)
        {
            case KeyAddOutcome.Added:
                ServerLog.KeyAdded(logger, key.Fingerprint, ServerLog.Cut(key.Comment), store.AuthorizedKeysPath);
                break;
            case KeyAddOutcome.AlreadyPresent:
                ServerLog.KeyAlreadyPresent(logger, key.Fingerprint, ServerLog.Cut(key.Comment), store.AuthorizedKeysPath);
                break;
            case KeyAddOutcome.Full:
                ServerLog.StoreFull(logger, key.Fingerprint, store.AuthorizedKeysPath, store.MaxKeys, store.MaxFileBytes);
                await WriteTextAsync(context, StatusCodes.Status507InsufficientStorage, FullMessage(key));
                return;
            default:
                ServerLog.KeyPresentWithOptions(logger, key.Fingerprint, ServerLog.Cut(key.Comment), store.AuthorizedKeysPath);
                await WriteTextAsync(context, StatusCodes.Status409Conflict, OptionsMessage(key));
                return;
        }

        await WriteTextAsync(context, StatusCodes.Status200OK, $"Key successfully saved:\n{key.Line}\nValid until: {ValidUntil(expiresAt)}");
    }

    /// <summary>The expiry as the 200 answer says it: UTC, to the second, or "never".</summary>
    public static string ValidUntil(DateTimeOffset? expiresAt) =>
        expiresAt is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) : "never";

    /// <summary>
    /// Fleet mode: the table first, so that a 200 means every server gets the key. Refused before the table is
    /// written when this server would not take it (restricted here, or full). Returns the key's expiry as the table
    /// holds it (the stored one when it lasts longer: a POST never shortens a key's life); not stored once it has answered.
    /// </summary>
    /// With key approval, the key is stored pending and answered 202 here (not stored: nothing more to do), unless an
    /// approved key in force already holds it.
    private async Task<(bool Stored, DateTimeOffset? ExpiresAt)> PutInTableAsync(
        HttpContext context, OpenSshPublicKey key, TimeSpan? lifetime, DateTimeOffset? expiresAt, string client, KeyTable keyTable)
    {
        switch (store.Preview(key, expiresAt))
        {
            case KeyAddOutcome.PresentWithOptions:
                ServerLog.KeyPresentWithOptions(logger, key.Fingerprint, ServerLog.Cut(key.Comment), store.AuthorizedKeysPath);
                await WriteTextAsync(context, StatusCodes.Status409Conflict, OptionsMessage(key));
                return (false, null);
            case KeyAddOutcome.Full:
                ServerLog.StoreFull(logger, key.Fingerprint, store.AuthorizedKeysPath, store.MaxKeys, store.MaxFileBytes);
                await WriteTextAsync(context, StatusCodes.Status507InsufficientStorage, FullMessage(key));
                return (false, null);
        }

        try
        {
            if (!keyTable.KeyApproval)
            {
                return (true, await keyTable.PutAsync(key, "http:" + client, time.GetUtcNow(), expiresAt, context.RequestAborted));
            }

            var now = time.GetUtcNow();
            if (await keyTable.IsPendingFullAsync(key.Fingerprint, now, context.RequestAborted))
            {
                ServerLog.PendingFull(logger, key.Fingerprint, ServerLog.Cut(key.Comment), client, keyTable.TableName, KeyTable.MaxPendingKeys);
                await WriteTextAsync(context, StatusCodes.Status429TooManyRequests,
                    $"The key table holds {KeyTable.MaxPendingKeys} keys waiting for approval, the most it takes, so key {key.Fingerprint} was not added (nothing changed). " +
                    "An administrator can approve or deny them (Get-HttpServiceSshKey, Approve-HttpServiceSshKey, Deny-HttpServiceSshKey); undecided ones are dropped " +
                    $"{KeyTableSchema.PendingDeadline.TotalHours:0} hours after they were posted.");
                return (false, null);
            }

            if (await keyTable.PutPendingAsync(key, "http:" + client, now, lifetime, context.RequestAborted) is { } stored)
            {
                if (stored.IsApproved && !stored.IsExpiredAt(now))
                {
                    return (true, stored.ExpiresAt);
                }

                // An item no approver approved (written before approval was turned on, or by other means) holds the
                // fingerprint: no server applies it, and a password must not make it count here either.
                ServerLog.KeyUnapproved(logger, key.Fingerprint, ServerLog.Cut(key.Comment), client, keyTable.TableName);
                await WriteTextAsync(context, StatusCodes.Status409Conflict,
                    $"Key {key.Fingerprint} is in the key table without an approval (added before key approval was turned on, or by other means), " +
                    "so it reaches no server and was not changed. An administrator can remove it and add it again (Remove-HttpServiceSshKey, Add-HttpServiceSshKey).");
                return (false, null);
            }

            var deadline = now + KeyTableSchema.PendingDeadline;
            ServerLog.KeyPending(logger, key.Fingerprint, ServerLog.Cut(key.Comment), client, keyTable.TableName);
            await WriteTextAsync(context, StatusCodes.Status202Accepted,
                $"Key {key.Fingerprint} is pending approval: it is stored but reaches no server until an administrator approves it " +
                $"(Approve-HttpServiceSshKey), and is dropped if nobody decides by {ValidUntil(deadline)}.\n{key.Line}");
            return (false, null);
        }
        catch (Exception exception) when (KeyTable.IsUnavailable(exception) && !context.RequestAborted.IsCancellationRequested)
        {
            ServerLog.KeyTableUnavailable(logger, key.Fingerprint, keyTable.TableName, exception.Message);
            context.Response.Headers.RetryAfter = TableRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await WriteTextAsync(context, StatusCodes.Status503ServiceUnavailable,
                $"The fleet's key table is unavailable, so key {key.Fingerprint} was not added anywhere (nothing changed); try again in a few seconds.");
            return (false, null);
        }
    }

    private static string OptionsMessage(OpenSshPublicKey key) =>
        $"Key {key.Fingerprint} is already in authorized_keys on a line with options (such as restrict or cert-authority), which may restrict or prevent its logins; it was not changed. Ask an administrator to edit that line.";

    private string FullMessage(OpenSshPublicKey key) =>
        $"Key {key.Fingerprint} was not added: authorized_keys holds its maximum of {store.MaxKeys} keys or would exceed {store.MaxFileBytes} bytes (KeyInjection__MaxKeys, KeyInjection__MaxFileBytes). Remove keys that are no longer needed first.";

    // ENOSPC and EDQUOT, as the runtime and LibC report them.
    private static bool IsDiskFull(IOException exception) => exception.HResult is 28 or 122
        || exception.Message.Contains("No space left on device", StringComparison.Ordinal)
        || exception.Message.Contains("Disk quota exceeded", StringComparison.Ordinal);

    // application/json, or what curl -d sends; the body is read as JSON either way (form decoding would turn base64's
    // '+' into a space).
    private static bool IsAcceptedContentType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && (mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        && HeaderUtilities.RemoveQuotes(mediaType.Charset) is { Length: 0 } or { Value: "utf-8" or "UTF-8" or "utf8" or "UTF8" };

    /// <summary>Reads the whole body, or returns null as soon as it exceeds the limit.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > AddPublicKeyRequest.MaxBodyBytes)
        {
            return null;
        }

        var buffer = new byte[AddPublicKeyRequest.MaxBodyBytes + 1];
        var length = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted)) > 0)
        {
            length += read;
            if (length > AddPublicKeyRequest.MaxBodyBytes)
            {
                return null;
            }
        }

        return buffer[..length];
    }

    private static Task WriteTextAsync(HttpContext context, int statusCode, string text)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text + "\n", context.RequestAborted);
    }
}
