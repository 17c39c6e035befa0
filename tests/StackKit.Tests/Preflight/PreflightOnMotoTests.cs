using StackKit.Tests.Moto;

namespace StackKit.Tests.Preflight;

/// <summary>Tests of the checks through the facade on moto: each starts from a reset moto.</summary>
public abstract class PreflightOnMotoTests(MotoServer moto) : IAsyncLifetime, IDisposable
{
    private PreflightOnMoto? _moto;

    internal PreflightOnMoto Moto => _moto ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        await moto.ResetAsync();
        _moto = new PreflightOnMoto(moto);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _moto?.Dispose();
        GC.SuppressFinalize(this);
    }
}
