using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StackKit.Preflight;
using StackKit.Tests.Moto;
using StackKit.TestSupport;

namespace StackKit.Tests.Preflight;

/// <summary>The OCI distribution lookups against real docker-registry instances on loopback.</summary>
public sealed class RegistryClientTests(RegistryFixture registries) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task An_image_tag_on_an_open_registry_is_found()
    {
        var lookup = await LookUpAsync($"{registries.Open.Address}/{RegistryFixture.Repository}:{RegistryFixture.Tag}");

        Assert.Equal(RegistryAnswer.Found, lookup.Answer);
    }

    [Fact]
    public async Task An_image_digest_is_found_and_a_wrong_one_is_not()
    {
        var found = await LookUpAsync($"{registries.Open.Address}/{RegistryFixture.Repository}@{registries.Digest}");
        var missing = await LookUpAsync($"{registries.Open.Address}/{RegistryFixture.Repository}@sha256:{new string('0', 64)}");

        Assert.Equal(RegistryAnswer.Found, found.Answer);
        Assert.Equal(RegistryAnswer.NotFound, missing.Answer);
        Assert.Contains($"digest sha256:{new string('0', 64)}", missing.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_tag_or_repository_is_not_found_and_named()
    {
        var tag = await LookUpAsync($"{registries.Open.Address}/{RegistryFixture.Repository}:9.9");
        var repository = await LookUpAsync($"{registries.Open.Address}/team/nothing:1.0");

        Assert.Equal((RegistryAnswer.NotFound, RegistryAnswer.NotFound), (tag.Answer, repository.Answer));
        Assert.Contains("team/web tag '9.9'", tag.Detail, StringComparison.Ordinal);
        Assert.Contains("team/nothing", repository.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_anonymous_bearer_token_flow_finds_the_image_with_the_challenge_s_service_and_scope()
    {
        var found = await LookUpAsync($"{registries.TokenAuth.Address}/{RegistryFixture.Repository}:{RegistryFixture.Tag}");
        var missing = await LookUpAsync($"{registries.TokenAuth.Address}/{RegistryFixture.Repository}:9.9");

        Assert.True(found.Answer == RegistryAnswer.Found, $"{found} {registries.TokenAuth.Log}");
        Assert.Equal(RegistryAnswer.NotFound, missing.Answer);
        Assert.Contains(registries.Tokens.Requests, query =>
            query.Contains($"service={TokenServer.Service}", StringComparison.Ordinal) &&
            query.Contains("scope=" + Uri.EscapeDataString($"repository:{RegistryFixture.Repository}:pull"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_server_that_refuses_anonymous_clients_means_credentials_are_required()
    {
        var lookup = await LookUpAsync($"{registries.StrictTokenAuth.Address}/{RegistryFixture.Repository}:{RegistryFixture.Tag}");

        Assert.Equal(RegistryAnswer.CredentialsRequired, lookup.Answer);
        Assert.Contains("refused an anonymous token", lookup.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registry_with_basic_auth_means_credentials_are_required()
    {
        var lookup = await LookUpAsync($"{registries.BasicAuth.Address}/{RegistryFixture.Repository}:{RegistryFixture.Tag}");

        Assert.Equal(RegistryAnswer.CredentialsRequired, lookup.Answer);
        Assert.Contains("Basic", lookup.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_port_is_unreachable()
    {
        var lookup = await LookUpAsync($"127.0.0.1:{LoopbackPort.Free()}/team/web:1.0");

        Assert.Equal(RegistryAnswer.Unreachable, lookup.Answer);
    }

    [Fact]
    public async Task A_registry_that_never_answers_is_unreachable_within_the_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        using var client = new RegistryClient(timeout: TimeSpan.FromSeconds(1));
        var watch = Stopwatch.StartNew();

        var lookup = await client.LookUpAsync(ImageReference.Parse($"127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/team/web:1.0"), CancellationToken.None);

        Assert.Equal(RegistryAnswer.Unreachable, lookup.Answer);
        Assert.Contains("did not answer within 1 s", lookup.Detail, StringComparison.Ordinal);
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Redirects_are_not_followed_and_a_plain_http_realm_off_loopback_is_not_asked()
    {
        var requests = new List<string>();
        await using var app = await StartFakeRegistryAsync(context =>
        {
            requests.Add(context.Request.Path);
            if (context.Request.Path.StartsWithSegments("/v2/moved", StringComparison.Ordinal))
            {
                context.Response.StatusCode = 307;
                context.Response.Headers.Location = "http://203.0.113.10/v2/moved/manifests/1.0";
            }
            else
            {
                context.Response.StatusCode = 401;
                context.Response.Headers.WWWAuthenticate = "Bearer realm=\"http://203.0.113.10/token\",service=\"evil\"";
            }
            return Task.CompletedTask;
        });
        var address = new Uri(app.Urls.First()).Authority;

        var moved = await LookUpAsync($"{address}/moved:1.0");
        var plainRealm = await LookUpAsync($"{address}/realm:1.0");

        Assert.Equal(RegistryAnswer.Unreachable, moved.Answer);
        Assert.Contains("answered 307", moved.Detail, StringComparison.Ordinal);
        Assert.Equal(RegistryAnswer.Unreachable, plainRealm.Answer);
        Assert.Contains("is not an https URL", plainRealm.Detail, StringComparison.Ordinal);
        Assert.Equal(["/v2/moved/manifests/1.0", "/v2/realm/manifests/1.0"], requests);
    }

    private static async Task<RegistryLookup> LookUpAsync(string image)
    {
        using var client = new RegistryClient();
        return await client.LookUpAsync(ImageReference.Parse(image), CancellationToken.None);
    }

    private static async Task<WebApplication> StartFakeRegistryAsync(RequestDelegate handle)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(handle);
        await app.StartAsync();
        return app;
    }
}
