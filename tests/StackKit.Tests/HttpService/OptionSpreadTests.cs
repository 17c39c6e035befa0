using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StackKit.HttpService;
using StackKit.Tests.Templates;

namespace StackKit.Tests.HttpService;

/// <summary>
/// Each option is described once: the sources of the library and the module refer to an option's property in at most
/// three files, its declaration, its template part and one more (the server and the key protocol never reference the
/// library, so they cannot). References are found by Roslyn's binding, not by the word: AWS's own names that happen to
/// be the same word (ACM's DomainName, the LoadBalancer resources, Route 53's HostedZoneId) are other symbols, and help
/// text that mentions an option refers to nothing.
/// </summary>
public sealed class OptionSpreadTests
{
    private const int MaxFiles = 3;

    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlySet<string>>> FilesByOption = new(ReferencingFiles);

    public static TheoryData<string> Names => [.. TemplateOption.All.Select(option => option.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void The_option_is_referred_to_in_at_most_three_files(string name)
    {
        var files = FilesByOption.Value[name];

        Assert.Contains("src/StackKit/HttpServiceOptions.cs", files);
        Assert.True(files.Count <= MaxFiles, $"{name} is referred to in {files.Count} files: {string.Join(", ", files)}");
    }

    [Fact]
    public void The_count_sees_references_in_the_module_and_the_library()
    {
        // A compilation that bound nothing would pass every count above: the module's Export-HttpServiceTemplate sets
        // AmiId, the template reads KeyApproval, and both references are seen.
        Assert.Contains("src/StackKit.PowerShell/Cmdlets/ExportHttpServiceTemplateCommand.cs", FilesByOption.Value[nameof(HttpServiceOptions.AmiId)]);
        Assert.Contains("src/StackKit/HttpService/HttpServiceTemplate.cs", FilesByOption.Value[nameof(HttpServiceOptions.KeyApproval)]);
    }

    // The library and the module compiled together from their sources, the module without PowerShell's assemblies:
    // what does not bind is PowerShell's, and every reference to the options still binds.
    private static Dictionary<string, IReadOnlySet<string>> ReferencingFiles()
    {
        var root = RepositoryFiles.PathOf();
        var parse = new CSharpParseOptions(LanguageVersion.Preview, preprocessorSymbols: ["NET", "NETCOREAPP", "NET10_0", "NET10_0_OR_GREATER"]);
        var implicitUsings = CSharpSyntaxTree.ParseText(
            "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; " +
            "global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;", parse);
        var trees = new[] { "src/StackKit", "src/StackKit.PowerShell" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(root, project), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), parse, Path.GetRelativePath(root, path).Replace('\\', '/')))
            .Append(implicitUsings)
            .ToList();
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var packages = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll").Where(path => !Path.GetFileName(path).StartsWith("StackKit", StringComparison.Ordinal));
        var references = platform.Concat(packages)
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(group => MetadataReference.CreateFromFile(group.First()));
        var compilation = CSharpCompilation.Create("Sources", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
        var options = compilation.GetTypeByMetadataName(typeof(HttpServiceOptions).FullName!)!;

        var files = TemplateOption.All.ToDictionary(option => option.Name, _ => new SortedSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var tree in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                // A reference that binds only to candidates (in code around PowerShell's missing types) counts as well.
                var symbol = model.GetSymbolInfo(node);
                foreach (var property in symbol.CandidateSymbols.Prepend(symbol.Symbol).OfType<IPropertySymbol>()
                    .Where(property => SymbolEqualityComparer.Default.Equals(property.ContainingType, options)))
                {
                    if (files.TryGetValue(property.Name, out var referring))
                    {
                        referring.Add(tree.FilePath);
                    }
                }
            }
            foreach (var declared in tree.GetRoot().DescendantNodes().OfType<PropertyDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(declared) is { } property && SymbolEqualityComparer.Default.Equals(property.ContainingType, options)
                    && files.TryGetValue(property.Name, out var declaring))
                {
                    declaring.Add(tree.FilePath);
                }
            }
        }
        return files.ToDictionary(pair => pair.Key, pair => (IReadOnlySet<string>)pair.Value, StringComparer.Ordinal);
    }
}
