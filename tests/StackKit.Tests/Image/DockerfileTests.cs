using System.Text.RegularExpressions;
using System.Xml.Linq;
using StackKit.Tests.Templates;

namespace StackKit.Tests.Image;

/// <summary>
/// templates/Dockerfile names the same base, user and entry point as the SDK's container publishing, and the project's
/// Native AOT: what a reader of either sees. (The image tests build both for real and compare the images:
/// <see cref="ServiceImageTests"/>.)
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly string Dockerfile = File.ReadAllText(RepositoryFiles.PathOf("templates", "Dockerfile"));

    private static string ProjectProperty(string name) =>
        XDocument.Load(RepositoryFiles.PathOf("src", "StackKit.Server", "StackKit.Server.csproj")).Descendants(name).Single().Value;

    [Fact]
    public void The_Dockerfile_builds_on_the_base_the_SDK_build_names()
    {
        Assert.Equal(ProjectProperty("ContainerBaseImage"), Argument("BASE_IMAGE"));
        Assert.Matches(@"(?m)^FROM \$\{BASE_IMAGE\}$", Dockerfile);
    }

    [Fact]
    public void The_Dockerfile_runs_the_native_executable_as_the_bases_non_root_user()
    {
        Assert.Equal("true", ProjectProperty("PublishAot"));
        Assert.Matches(@"(?m)^USER 1654$", Dockerfile);
        Assert.Matches(@"(?m)^ENTRYPOINT \[""/app/StackKit.Server""\]$", Dockerfile);
        Assert.Matches(@"(?m)^COPY --from=build /app/StackKit.Server /app/appsettings.json ./$", Dockerfile);
    }

    private static string Argument(string name)
    {
        var declared = ArgumentLine().Matches(Dockerfile).SingleOrDefault(m => m.Groups[1].Value == name);
        Assert.True(declared is not null, $"templates/Dockerfile declares no ARG {name}=...");
        return declared.Groups[2].Value;
    }

    [GeneratedRegex(@"(?m)^ARG (\w+)=(\S+)$")]
    private static partial Regex ArgumentLine();
}
