using System.Globalization;
using System.Text;
using StackKit.HttpService;
using StackKit.Tests.Templates;

namespace StackKit.Tests.HttpService;

/// <summary>
/// The option tables in docs/options.md and README.md (between its options markers) are generated from the
/// declarations. When a change to an option is meant to change them, run the tests with STACKKIT_REGENERATE_TEMPLATES=1
/// and review the diff.
/// </summary>
public sealed class OptionTablesTests
{
    private const string Begin = "<!-- options:begin -->";
    private const string End = "<!-- options:end -->";

    [Fact]
    public void Docs_options_md_is_the_table_the_declarations_give()
    {
        var generated =
            "# Template options\n\n" +
            "Generated from the declarations in `src/StackKit/HttpService/HttpServiceOptions.cs` by `OptionTablesTests`; " +
            "regenerate with `STACKKIT_REGENERATE_TEMPLATES=1 dotnet test tests/StackKit.Tests -c Release --filter OptionTablesTests`.\n\n" +
            "Every option shapes the template; in C# it is a property of `HttpServiceOptions` (for `HttpServiceStackRequest.Template` or " +
            "`HttpServiceTemplate.Build`), in PowerShell a parameter of `New-HttpServiceStack` and `Export-HttpServiceTemplate`. " +
            "An update rebuilds the template from the options kept in its metadata and the changes it names " +
            "(`HttpServiceStackUpdate.Options` in C#, the same parameters of `Update-HttpServiceStack`, where `''` removes one).\n\n" +
            FullTable();
        AssertCheckedIn("docs/options.md", RepositoryFiles.PathOf("docs", "options.md"), generated);
    }

    [Fact]
    public void The_readme_options_table_is_the_one_the_declarations_give()
    {
        var path = RepositoryFiles.PathOf("README.md");
        var readme = File.ReadAllText(path);
        var (start, end) = (readme.IndexOf(Begin, StringComparison.Ordinal), readme.IndexOf(End, StringComparison.Ordinal));
        Assert.True(start >= 0 && end > start, $"README.md needs the markers {Begin} and {End} around its options table.");

        var generated = readme[..(start + Begin.Length)] + "\n" + ReadmeTable() + readme[end..];
        AssertCheckedIn("README.md's options table", path, generated);
    }

    private static void AssertCheckedIn(string what, string path, string generated)
    {
        if (Environment.GetEnvironmentVariable("STACKKIT_REGENERATE_TEMPLATES") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.True(File.ReadAllText(path) == generated,
            $"{what} differs from what the option declarations give. If the change is intended, run the tests with STACKKIT_REGENERATE_TEMPLATES=1 and commit the file.");
    }

    private static string FullTable()
    {
        var table = new StringBuilder("| Option (C#) | PowerShell | Type | Default | Update | What it does |\n|---|---|---|---|---|---|\n");
        foreach (var option in TemplateOption.All)
        {
            var powerShell = option.Shape == OptionParameterShape.None ? "C# only" : $"`-{option.ParameterName}`";
            table.Append(CultureInfo.InvariantCulture, $"| `{option.Name}` | {powerShell} | {TypeName(option)} | `{option.DefaultText}` | {UpdateText(option)} | {Cell(option.Help)} |\n");
        }
        return table.ToString();
    }

    private static string ReadmeTable()
    {
        var table = new StringBuilder("| Option | PowerShell | C# |\n|---|---|---|\n");
        foreach (var option in TemplateOption.All.Where(option => option.Shape != OptionParameterShape.None))
        {
            var given = WithRequired(option);
            var powerShell = string.Join(" ", given.Select(OptionExamples.PowerShell));
            var cSharp = string.Join(", ", given.Select(example => $"{example.Name} = {OptionExamples.CSharp(example)}"));
            table.Append(CultureInfo.InvariantCulture, $"| {Cell(FirstSentence(option.Help))} | `New-HttpServiceStack web {powerShell}` | `new HttpServiceOptions {{ {cSharp} }}` |\n");
        }
        return table.Append("\nAll options, their defaults and what an update may change: [docs/options.md](docs/options.md).\n").ToString();
    }

    // The option with those it needs, and theirs: an example that validates, as the row's commands must.
    private static List<TemplateOption> WithRequired(TemplateOption option)
    {
        var given = new List<TemplateOption> { option };
        for (var i = 0; i < given.Count; i++)
        {
            given.AddRange(given[i].Requires.Where(required => !given.Contains(required)));
        }
        var options = new HttpServiceOptions();
        given.ForEach(example => example.Set(options, OptionExamples.Value(example)));
        options.Validate();
        return given;
    }

    private static string TypeName(TemplateOption option) => option.IsList ? "list of text" : option.Type == typeof(string) ? "text" : option.Type.Name switch
    {
        "Boolean" => "true/false",
        "Int32" => "number",
        var name => name,
    };

    private static string UpdateText(TemplateOption option) => option.Update switch
    {
        OptionUpdate.Set => "set",
        OptionUpdate.SetOrRemove => "set or remove",
        _ => "no: create a new stack",
    };

    private static string FirstSentence(string text) => text.IndexOf(". ", StringComparison.Ordinal) is var end and > 0 ? text[..(end + 1)] : text;

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
