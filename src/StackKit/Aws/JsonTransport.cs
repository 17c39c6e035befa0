using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon;

namespace StackKit.Aws;

/// <summary>
/// The AWS JSON 1.1 protocol (CloudWatch Logs): a SigV4-signed POST of a JSON object naming the operation in
/// <c>X-Amz-Target</c>, a JSON answer, errors as <c>{"__type": ..., "message": ...}</c>, and the same retries as the
/// Query protocol.
/// </summary>
internal sealed class JsonTransport(SignedExchange exchange, Func<AwsService, Uri> endpointFor, RetryBackoff retry, TimeProvider time)
{
    private const string ContentType = "application/x-amz-json-1.1";

    /// <summary>Calls <paramref name="operation"/> with <paramref name="input"/> and returns the answer's object.</summary>
    public Task<JsonElement> SendAsync(AwsService service, string operation, JsonObject input, CancellationToken cancellationToken) =>
        SendAsync(service, operation, input, endpointFor(service), null, cancellationToken);

    /// <summary>
    /// The same, sent to <paramref name="endpoint"/> and signed for <paramref name="signingRegion"/> (the connection's
    /// when null): a call about a resource in another region.
    /// </summary>
    public Task<JsonElement> SendAsync(
        AwsService service, string operation, JsonObject input, Uri endpoint, RegionEndpoint? signingRegion, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(input);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-Amz-Target"] = $"{service.TargetPrefix}.{operation}" };
        return retry.RunAsync(() => SendOnceAsync(service, operation, endpoint, body, headers, signingRegion, cancellationToken), time, cancellationToken);
    }

    private async Task<JsonElement> SendOnceAsync(
        AwsService service, string operation, Uri endpoint, byte[] body, Dictionary<string, string> headers, RegionEndpoint? signingRegion,
        CancellationToken cancellationToken)
    {
        var (status, text) = await exchange.PostAsync(service, operation, endpoint, body, ContentType, headers, signingRegion, cancellationToken).ConfigureAwait(false);
        var answer = TryParse(text);
        if ((int)status is < 200 or > 299)
        {
            throw ErrorFrom(operation, status, answer);
        }
        return answer ?? throw new AwsServiceException(operation, status, "MalformedResponse", "The answer is not a JSON object.", null);
    }

    private static JsonElement? TryParse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads <c>__type</c> (which may carry a <c>namespace#</c> prefix) and <c>message</c>, or describes a non-AWS answer.</summary>
    private static AwsServiceException ErrorFrom(string operation, HttpStatusCode status, JsonElement? answer)
    {
        if (answer is not { } error || error.Text("__type") is not { Length: > 0 } fullType)
        {
            return new AwsServiceException(operation, status, $"Http{(int)status}", $"HTTP {(int)status} {status} without an AWS error body.", null);
        }
        var code = fullType.Substring(fullType.LastIndexOf('#') + 1);
        var message = error.Text("message") ?? error.Text("Message");
        return new AwsServiceException(operation, status, code, message ?? "", null);
    }
}
