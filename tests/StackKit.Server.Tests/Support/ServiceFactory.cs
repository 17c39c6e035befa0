using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using StackKit.Server.Endpoints;

namespace StackKit.Server.Tests.Support;

/// <summary>The service's own host, in process, writing to a test's .ssh directory and recording its logs.</summary>
internal sealed class ServiceFactory(string sshDirectory, string? username, string? password, Dictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    /// <summary>
    /// An hour by default, instead of the service's seconds: a replenishment while a test counts attempts would make
    /// it flaky.
    /// </summary>
    public TimeSpan FailedLoginReplenishment { get; init; } = TimeSpan.FromHours(1);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("KeyInjection:SshDirectory", sshDirectory);
        if (username is not null)
        {
            builder.UseSetting("KeyInjection:Username", username);
        }

        if (password is not null)
        {
            builder.UseSetting("KeyInjection:Password", password);
        }

        foreach (var (key, value) in settings ?? [])
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddFakeLogging());
        builder.ConfigureServices(services => services.AddSingleton(_ => new FailedLoginLimiter(FailedLoginReplenishment)));
    }
}
