using BenchmarkDotNet.Running;
using StackKit.Benchmarks;

if (args is ["delay-proxy", .. var proxy])
{
    await DelayProxy.RunAsync(proxy);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
