using System.Management.Automation;
using System.Net;
using System.Reflection;
using System.Runtime.InteropServices;

namespace StackKit.PowerShell;

/// <summary>
/// Prepares Windows PowerShell 5.1 (.NET Framework) when the module is imported. PowerShell 7 needs nothing: its
/// loader accepts the newer assembly versions the module ships.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string ModuleFolder = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;

    private static bool IsNetFramework =>
        RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

    /// <inheritdoc />
    public void OnImport()
    {
        if (!IsNetFramework)
        {
            return;
        }
        // .NET Framework has no binding redirects for a module (AWSSDK.Core asks for System.Text.Json 6.0 and the
        // module ships 8.0), so a dependency is resolved by name from the module's own folder.
        AppDomain.CurrentDomain.AssemblyResolve += ResolveFromModuleFolder;
        // AWS endpoints require TLS 1.2 or later; Windows PowerShell may default to older protocols.
        ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;
    }

    /// <inheritdoc />
    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        AppDomain.CurrentDomain.AssemblyResolve -= ResolveFromModuleFolder;
    }

    private static Assembly? ResolveFromModuleFolder(object? sender, ResolveEventArgs args)
    {
        var name = new AssemblyName(args.Name);
        var path = Path.Combine(ModuleFolder, name.Name + ".dll");
        if (!File.Exists(path))
        {
            return null;
        }
        var candidate = AssemblyName.GetAssemblyName(path);
        return candidate.Version >= name.Version ? Assembly.LoadFrom(path) : null;
    }
}
