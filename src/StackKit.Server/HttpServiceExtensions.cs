using StackKit.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Amazon.DynamoDBv2;
using StackKit.Server.Endpoints;
using StackKit.Server.Fleet;
using StackKit.Server.Storage;

namespace StackKit.Server;

/// <summary>Adds the StackKit HTTP service (<c>GET /</c>, <c>POST /add_public_key</c>) to any ASP.NET Core host.</summary>
public static class HttpServiceExtensions
{
    // A server reads at most this many table items per key it may hold: a bound on memory, far above any real table.
    private const int MaxTableItemsPerKey = 10;

    private static readonly byte[] Hi = "Hi"u8.ToArray();

    /// <summary>Registers the options (section <c>KeyInjection</c>) and the <see cref="AuthorizedKeysStore"/>.</summary>
    public static IServiceCollection AddHttpService(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<KeyInjectionOptions>()
            .Bind(configuration.GetSection(KeyInjectionOptions.SectionName))
            .Validate(o => o.Username.Length > 0 && !o.Username.Contains(':', StringComparison.Ordinal),
                "KeyInjection:Username must be non-empty and hold no ':' (HTTP Basic authentication splits at the first ':').")
            .Validate(o => o.Password.Length > 0, "KeyInjection:Password must be non-empty.")
            .Validate(o => string.IsNullOrEmpty(o.PasswordHash) || PasswordHash.Parse(o.PasswordHash) is not null,
                $"KeyInjection:PasswordHash must be {PasswordHash.Format} (docs/server.md shows how to compute it), or unset to use KeyInjection:Password.")
            .Validate(o => string.IsNullOrEmpty(o.PasswordHash) || o.Password == KeyInjectionOptions.DefaultPassword,
                "KeyInjection:Password and KeyInjection:PasswordHash are both set; set only one (the hash, so the password is stored nowhere).")
            .Validate(o => o.MaxKeys > 0 && o.MaxFileBytes > 0, "KeyInjection:MaxKeys and KeyInjection:MaxFileBytes must be positive.")
            .Validate(o => o.Fleet.SyncInterval >= TimeSpan.FromMilliseconds(100) && o.Fleet.SyncInterval <= TimeSpan.FromDays(1),
                "KeyInjection:Fleet:SyncInterval must be a TimeSpan from 00:00:00.1 to 1.00:00:00 (default 00:00:10).")
            .Validate(o => o.DefaultKeyLifetime == TimeSpan.Zero
                    || (o.DefaultKeyLifetime >= Endpoints.AddPublicKeyRequest.MinLifetime && o.DefaultKeyLifetime <= Endpoints.AddPublicKeyRequest.MaxLifetime),
                "KeyInjection:DefaultKeyLifetime must be a TimeSpan from 00:01:00 to 366.00:00:00, or 00:00:00 for keys that never expire (default 12:00:00).")
            .ValidateOnStart();
        services.TryAddSingleton(_ => new FailedLoginLimiter(FailedLoginLimiter.DefaultReplenishment));
        services.TryAddSingleton(provider => BasicCredentials.From(
            provider.GetRequiredService<IOptions<KeyInjectionOptions>>().Value, provider.GetRequiredService<FailedLoginLimiter>()));
        services.TryAddSingleton(TimeProvider.System);
        var fleet = configuration.GetSection(KeyInjectionOptions.SectionName).Get<KeyInjectionOptions>()?.Fleet ?? new FleetOptions();
        if (fleet.Enabled)
        {
            AddFleet(services, fleet);
        }
        else
        {
            services.AddHostedService(provider => new ExpiredKeyRemoval(
                provider.GetRequiredService<AuthorizedKeysStore>(), provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<ExpiredKeyRemoval>>()));
        }

        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<KeyInjectionOptions>>().Value;
            return new AuthorizedKeysStore(options.ResolvedSshDirectory, options.MaxKeys, options.MaxFileBytes, options.AllowForwarding);
        });
        return services;
    }

    // Region, credentials and endpoint from the SDK's chain. Few retries, and KeyTable bounds each call's time, so that
    // a POST answers 503 quickly. (Not the config's Timeout: with it, AWSSDK.DynamoDBv2 4.1.0 never completed the
    // second Scan of a client, although moto had answered it.)
    private static void AddFleet(IServiceCollection services, FleetOptions fleet)
    {
        services.TryAddSingleton<IAmazonDynamoDB>(_ => new AmazonDynamoDBClient(new AmazonDynamoDBConfig { MaxErrorRetry = 2 }));
        services.AddSingleton(provider => new KeyTable(
            provider.GetRequiredService<IAmazonDynamoDB>(), fleet.TableName!,
            MaxTableItemsPerKey * provider.GetRequiredService<IOptions<KeyInjectionOptions>>().Value.MaxKeys, fleet.KeyApproval));
        services.AddSingleton(provider => new KeyTableSync(
            provider.GetRequiredService<KeyTable>(), provider.GetRequiredService<AuthorizedKeysStore>(), fleet.SyncInterval,
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<KeyTableSync>>()));
        services.AddHostedService(provider => provider.GetRequiredService<KeyTableSync>());
    }

    /// <summary>Maps <c>GET /</c> and <c>POST /add_public_key</c>; warns when the default password is in use.</summary>
    public static IEndpointRouteBuilder MapHttpService(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var options = services.GetRequiredService<IOptions<KeyInjectionOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("StackKit.Server.KeyInjection");
        var credentials = services.GetRequiredService<BasicCredentials>();
        credentials.WarnIfDefaultPassword(options, logger);

        var addPublicKey = new AddPublicKeyEndpoint(
            credentials, services.GetRequiredService<FailedLoginLimiter>(),
            options.TrustForwardedFor, services.GetRequiredService<AuthorizedKeysStore>(), services.GetService<KeyTable>(),
            services.GetRequiredService<TimeProvider>(), logger, options.ResolvedDefaultKeyLifetime);
        // GET / answers at routing, skipping the host's later middleware: it is the load balancer's health check and
        // the hottest path, and needs nothing from them.
        endpoints.MapGet("/", SayHi).ShortCircuit();
        endpoints.MapPost("/add_public_key", addPublicKey.HandleAsync);
        return endpoints;
    }

    private static async Task SayHi(HttpContext context)
    {
        context.Response.ContentType = "text/plain";
        context.Response.ContentLength = Hi.Length;
        await context.Response.BodyWriter.WriteAsync(Hi, context.RequestAborted);
    }
}
