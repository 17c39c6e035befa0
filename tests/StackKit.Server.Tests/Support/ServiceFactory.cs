using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace StackKit.Server.Tests.Support;

/// <summary>The service's own host, in process, writing to a test's .ssh directory and recording its logs.</summary>
internal sealed class ServiceFactory(string sshDirectory, string? username, string? password) : WebApplicationFactory<Program>
{
    public FakeLogCollector Logs => Services.GetFakeLogCollector();

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

        builder.ConfigureLogging(logging => logging.AddFakeLogging());
    }
}
