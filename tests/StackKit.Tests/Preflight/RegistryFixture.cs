namespace StackKit.Tests.Preflight;

/// <summary>
/// Real docker-registry instances over one storage folder holding a pushed image: one open, one with token auth
/// whose token server grants anonymous pulls (as Docker Hub and GHCR do), one whose token server refuses anonymous
/// clients, and one with htpasswd (Basic) auth.
/// </summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    public const string Repository = "team/web";
    public const string Tag = "1.0";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("stackkit-registry-");
    private readonly List<IAsyncDisposable> _running = [];

    internal LocalRegistry Open { get; private set; } = null!;

    internal LocalRegistry TokenAuth { get; private set; } = null!;

    internal LocalRegistry StrictTokenAuth { get; private set; } = null!;

    internal LocalRegistry BasicAuth { get; private set; } = null!;

    internal TokenServer Tokens { get; private set; } = null!;

    /// <summary>The pushed image's manifest digest.</summary>
    public string Digest { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var storage = Path.Combine(_folder.FullName, "storage");
        Open = await StartAsync(storage, auth: null);
        Digest = await Open.PushImageAsync(Repository, Tag);
        await Open.PushImageAsync(Repository, "latest");

        Tokens = Started(await TokenServer.StartAsync());
        var strictTokens = Started(await TokenServer.StartAsync());
        strictTokens.RefuseAnonymous = true;
        TokenAuth = await StartAsync(storage, TokenAuthSection(Tokens, "tokens"));
        StrictTokenAuth = await StartAsync(storage, TokenAuthSection(strictTokens, "strict-tokens"));

        var htpasswd = Path.Combine(_folder.FullName, "htpasswd");
        await File.WriteAllTextAsync(htpasswd, string.Empty);
        BasicAuth = await StartAsync(storage, $"""
            auth:
              htpasswd:
                realm: stackkit-test
                path: {htpasswd}
            """);
    }

    public async Task DisposeAsync()
    {
        foreach (var service in Enumerable.Reverse(_running))
        {
            await service.DisposeAsync();
        }
        _folder.Delete(recursive: true);
    }

    private string TokenAuthSection(TokenServer tokens, string name)
    {
        var bundle = Path.Combine(_folder.FullName, name + ".crt");
        File.WriteAllText(bundle, tokens.CertificatePem);
        return $"""
            auth:
              token:
                realm: {tokens.Realm}
                service: {TokenServer.Service}
                issuer: {TokenServer.Issuer}
                rootcertbundle: {bundle}
            """;
    }

    private async Task<LocalRegistry> StartAsync(string storage, string? auth) => Started(await LocalRegistry.StartAsync(_folder, storage, auth));

    private T Started<T>(T service)
        where T : IAsyncDisposable
    {
        _running.Add(service);
        return service;
    }
}
