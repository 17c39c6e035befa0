using StackKit.HttpService;
using StackKit.Templates;
using StackKit.Tests.Templates;

namespace StackKit.Tests.HttpService;

/// <summary>
/// templates/http-service.json and .yaml are what the library generates with default options. When a change to
/// the library is meant to change them, regenerate with STACKKIT_REGENERATE_TEMPLATES=1 and review the diff.
/// </summary>
public sealed class GeneratedTemplateFilesTests
{
    [Theory]
    [InlineData("http-service.json")]
    [InlineData("http-service.yaml")]
    public void The_checked_in_template_is_what_the_library_generates(string fileName)
    {
        var template = HttpServiceTemplate.Build();
        var generated = fileName.EndsWith(".json", StringComparison.Ordinal) ? TemplateWriter.ToJson(template) : TemplateWriter.ToYaml(template);
        var path = RepositoryFiles.PathOf("templates", fileName);
        if (Environment.GetEnvironmentVariable("STACKKIT_REGENERATE_TEMPLATES") == "1")
        {
            File.WriteAllText(path, generated);
        }

        var checkedIn = File.ReadAllText(path);

        Assert.True(checkedIn == generated,
            $"templates/{fileName} differs from what HttpServiceTemplate.Build() generates. If the change is intended, run the tests with STACKKIT_REGENERATE_TEMPLATES=1 and commit the file.");
    }
}
