using StackKit.HttpService;
using StackKit.Templates;
using StackKit.Tests.Templates;

namespace StackKit.Tests.HttpService;

/// <summary>
/// cfn-lint, informational findings and strict types included (a number where the schema says string is a finding),
/// has nothing to say about any template StackKit ships or generates.
/// </summary>
public sealed class CfnLintTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("stackkit-cfn-lint-");

    [Theory]
    [InlineData("http-service.json")]
    [InlineData("http-service.yaml")]
    public async Task The_checked_in_templates_are_clean(string fileName)
    {
        await AssertCleanAsync(RepositoryFiles.PathOf("templates", fileName));
    }

    [Theory]
    [MemberData(nameof(TemplateVariants.Names), MemberType = typeof(TemplateVariants))]
    public async Task Templates_generated_with_each_option_set_are_clean(string variant)
    {
        var template = HttpServiceTemplate.Build(TemplateVariants.All[variant]);
        var json = Path.Combine(_folder.FullName, variant + ".json");
        var yaml = Path.Combine(_folder.FullName, variant + ".yaml");
        await File.WriteAllTextAsync(json, TemplateWriter.ToJson(template));
        await File.WriteAllTextAsync(yaml, TemplateWriter.ToYaml(template));

        await AssertCleanAsync(json);
        await AssertCleanAsync(yaml);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static async Task AssertCleanAsync(string path)
    {
        var (exitCode, output) = await ExternalTool.RunAsync("cfn-lint", "-c", "I", "-x", "E3012:strict=true", "--", path);

        Assert.True(exitCode == 0 && output.Length == 0, $"cfn-lint exit {exitCode} on {path}:\n{output}");
    }
}
