using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StackKit.Preflight;

/// <summary>
/// Asks an image registry whether a manifest exists, through the OCI distribution API as an anonymous client:
/// <c>HEAD /v2/&lt;name&gt;/manifests/&lt;reference&gt;</c>, and on a Bearer challenge the anonymous token from the
/// challenge's realm, then the same HEAD with it. Loopback registries are asked over plain HTTP (as Docker allows),
/// every other one over HTTPS only. Redirects are never followed, no credentials are ever sent, answers are bounded
/// in size, and the whole lookup in time.
/// </summary>
internal sealed class RegistryClient : IDisposable
{
    /// <summary>How long one lookup may take, token included, before the registry counts as unreachable.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    private static readonly string[] ManifestMediaTypes =
    [
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ];

    private static readonly Regex ChallengeParameter = new("([A-Za-z]+)=\"([^\"]*)\"", RegexOptions.CultureInvariant);

    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;

    /// <summary>A client over <paramref name="handler"/>; null means a handler that follows no redirects.</summary>
    public RegistryClient(HttpMessageHandler? handler = null, TimeSpan? timeout = null)
    {
        _http = new HttpClient(handler ?? new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            Timeout = Timeout.InfiniteTimeSpan,
            // A manifest HEAD has no body; a token answer is a few kilobytes.
            MaxResponseContentBufferSize = 64 * 1024,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("StackKit", StackKit.HttpService.ReleaseImage.Version));
        _timeout = timeout ?? DefaultTimeout;
    }

    /// <summary>True for registries on this machine: <c>localhost</c> and loopback addresses.</summary>
    public static bool IsLoopback(string registry)
    {
        var host = new Uri("http://" + registry).Host.Trim('[', ']');
        return host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>Looks <paramref name="image"/>'s manifest up; never throws for what the registry or network does.</summary>
    public async Task<RegistryLookup> LookUpAsync(ImageReference image, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        var scheme = IsLoopback(image.Registry) ? "http" : "https";
        var manifest = new Uri($"{scheme}://{image.Registry}/v2/{image.Repository}/manifests/{image.ManifestReference}");
        try
        {
            using var first = await HeadAsync(manifest, token: null, deadline.Token).ConfigureAwait(false);
            if (first.StatusCode != HttpStatusCode.Unauthorized)
            {
                return Interpret(first, image, manifest);
            }
            if (BearerChallenge(first) is not { } challenge)
            {
                return new RegistryLookup(RegistryAnswer.CredentialsRequired, $"{manifest.Host} asks for credentials ({Challenge(first)}) and offers no anonymous token");
            }
            var (token, refusal) = await AnonymousTokenAsync(challenge, image, deadline.Token).ConfigureAwait(false);
            if (token is null)
            {
                return refusal!;
            }
            using var second = await HeadAsync(manifest, token, deadline.Token).ConfigureAwait(false);
            return Interpret(second, image, manifest);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new RegistryLookup(RegistryAnswer.Unreachable, $"{manifest.Host} did not answer within {_timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException error)
        {
            return new RegistryLookup(RegistryAnswer.Unreachable, $"{manifest.Host} could not be reached ({Innermost(error).Message})");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> HeadAsync(Uri manifest, string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, manifest);
        foreach (var mediaType in ManifestMediaTypes)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        }
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(string? Token, RegistryLookup? Refusal)> AnonymousTokenAsync(Dictionary<string, string> challenge, ImageReference image, CancellationToken cancellationToken)
    {
        // Plain HTTP only from a loopback registry to a loopback realm: no registry may steer this machine to its own services.
        if (!challenge.TryGetValue("realm", out var realmText) || !Uri.TryCreate(realmText, UriKind.Absolute, out var realm) ||
            !(realm.Scheme == Uri.UriSchemeHttps || (realm.Scheme == Uri.UriSchemeHttp && IsLoopback(realm.Authority) && IsLoopback(image.Registry))))
        {
            return (null, new RegistryLookup(RegistryAnswer.Unreachable, $"{image.Registry}'s token realm '{realmText}' is not an https URL"));
        }
        var query = new List<string>();
        if (challenge.TryGetValue("service", out var service))
        {
            query.Add("service=" + Uri.EscapeDataString(service));
        }
        var scope = challenge.TryGetValue("scope", out var given) ? given : $"repository:{image.Repository}:pull";
        query.Add("scope=" + Uri.EscapeDataString(scope));
        var separator = string.IsNullOrEmpty(realm.Query) ? "?" : "&";
        using var response = await _http.GetAsync(new Uri(realm + separator + string.Join("&", query)), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return (null, new RegistryLookup(RegistryAnswer.CredentialsRequired, $"{realm.Host} refused an anonymous token for {scope} ({(int)response.StatusCode})"));
        }
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (null, new RegistryLookup(RegistryAnswer.Unreachable, $"{realm.Host} answered {(int)response.StatusCode} for an anonymous token"));
        }
#pragma warning disable CA2016 // GetAsync has buffered the (size-bounded) body already; netstandard2.0 has no overload taking the token.
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
#pragma warning restore CA2016
        try
        {
            using var json = JsonDocument.Parse(body);
            foreach (var name in new[] { "token", "access_token" })
            {
                if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out var value) &&
                    value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } token)
                {
                    return (token, null);
                }
            }
        }
        catch (JsonException)
        {
        }
        return (null, new RegistryLookup(RegistryAnswer.Unreachable, $"{realm.Host} answered no token"));
    }

    private static RegistryLookup Interpret(HttpResponseMessage response, ImageReference image, Uri manifest) => response.StatusCode switch
    {
        HttpStatusCode.OK => new RegistryLookup(RegistryAnswer.Found, $"{manifest.Host} has it"),
        HttpStatusCode.NotFound => new RegistryLookup(RegistryAnswer.NotFound, $"{manifest.Host} has no {image.Repository} {Described(image)}"),
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new RegistryLookup(
            RegistryAnswer.CredentialsRequired,
            $"{manifest.Host} refused an anonymous pull of {image.Repository} ({(int)response.StatusCode}{ChallengeSuffix(response)}): the image is private, or does not exist"),
        _ => new RegistryLookup(RegistryAnswer.Unreachable, $"{manifest.Host} answered {(int)response.StatusCode} {response.ReasonPhrase}"),
    };

    private static string Described(ImageReference image) => image.Digest is null ? $"tag '{image.ManifestReference}'" : $"digest {image.Digest}";

    private static Dictionary<string, string>? BearerChallenge(HttpResponseMessage response)
    {
        var bearer = response.Headers.WwwAuthenticate.FirstOrDefault(h => string.Equals(h.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase));
        if (bearer?.Parameter is null)
        {
            return null;
        }
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match match in ChallengeParameter.Matches(bearer.Parameter))
        {
            parameters[match.Groups[1].Value] = match.Groups[2].Value;
        }
        return parameters;
    }

    private static string Challenge(HttpResponseMessage response) =>
        response.Headers.WwwAuthenticate.FirstOrDefault()?.Scheme ?? "no WWW-Authenticate challenge";

    private static string ChallengeSuffix(HttpResponseMessage response) =>
        response.Headers.WwwAuthenticate.FirstOrDefault() is { } challenge ? ", " + challenge.Scheme : string.Empty;

    private static Exception Innermost(Exception error) => error.InnerException is null ? error : Innermost(error.InnerException);
}
