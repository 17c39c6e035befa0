using System.Collections.Concurrent;
using System.Net.Http.Headers;

namespace StackKit.Tests.Permissions;

/// <summary>
/// Passes every request on and records each signed AWS call as an IAM action (<c>service:Action</c>), with what the
/// caller was doing at the time. The service is the SigV4 signing name, which is the IAM prefix for every service
/// StackKit calls; the action is the JSON target, the Query <c>Action</c>, or for a REST GET the operation its path names.
/// </summary>
internal sealed class RecordingHandler() : DelegatingHandler(new HttpClientHandler())
{
    private readonly ConcurrentQueue<(string Action, string Doing)> _calls = new();
    private readonly ConcurrentQueue<string> _bodies = new();

    /// <summary>What the caller is doing now: the StackKit operation the next calls belong to.</summary>
    public string Doing { get; set; } = string.Empty;

    public IReadOnlyCollection<(string Action, string Doing)> Calls => _calls;

    /// <summary>The body of each signed call with one, in order: what was sent, parameter by parameter.</summary>
    public IReadOnlyCollection<string> Bodies => _bodies;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.TryGetValues("Authorization", out var authorization) && request.Content is { } content)
        {
            var signature = authorization.Single();
            var body = await content.ReadAsByteArrayAsync(cancellationToken);
            var copy = new ByteArrayContent(body);
            foreach (var header in content.Headers)
            {
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            request.Content = copy;
            _bodies.Enqueue(System.Text.Encoding.UTF8.GetString(body));
            _calls.Enqueue(($"{SigningName(signature)}:{ActionOf(request.Headers, System.Text.Encoding.UTF8.GetString(body))}", Doing));
        }
        else if (request.Headers.TryGetValues("Authorization", out var restAuthorization) && request.Method == HttpMethod.Get)
        {
            _calls.Enqueue(($"{SigningName(restAuthorization.Single())}:{RestActionOf(request.RequestUri!)}", Doing));
        }
        return await base.SendAsync(request, cancellationToken);
    }

    // The REST operations StackKit calls, by their botocore requestUri: a GET names its operation only by its path.
    private static string RestActionOf(Uri uri) =>
        uri.AbsolutePath.StartsWith("/2013-04-01/hostedzone/", StringComparison.Ordinal)
            ? "GetHostedZone"
            : throw new InvalidOperationException($"No IAM action is known for GET {uri.AbsolutePath}: add its operation here.");

    // AWS4-HMAC-SHA256 Credential=AKID/20261206/us-east-1/cloudformation/aws4_request, SignedHeaders=..., Signature=...
    private static string SigningName(string authorization) =>
        authorization.Split(',')[0].Split('/')[3];

    private static string ActionOf(HttpRequestHeaders headers, string body) =>
        headers.TryGetValues("X-Amz-Target", out var targets)
            ? targets.Single().Split('.')[1]
            : body.Split('&').Select(Uri.UnescapeDataString).Single(pair => pair.StartsWith("Action=", StringComparison.Ordinal))["Action=".Length..];
}
