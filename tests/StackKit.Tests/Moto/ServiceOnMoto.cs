using StackKit.Aws;
using StackKit.HttpService;

namespace StackKit.Tests.Moto;

/// <summary>Base of the facade's tests on moto: each test starts on an empty moto with a fresh connection.</summary>
public abstract class ServiceOnMoto(MotoServer moto) : IAsyncLifetime, IDisposable
{
    private AwsConnection? _aws;

    protected MotoServer Moto { get; } = moto;

    protected AwsConnection Aws => _aws ?? throw new InvalidOperationException("Not initialized.");

    protected HttpServiceStacks Service => new(Aws);

    public async Task InitializeAsync()
    {
        await Moto.ResetAsync();
        _aws = Moto.Connect();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _aws?.Dispose();
        GC.SuppressFinalize(this);
    }
}
