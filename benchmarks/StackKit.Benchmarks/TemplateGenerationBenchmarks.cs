using BenchmarkDotNet.Attributes;
using StackKit.HttpService;
using StackKit.Templates;

namespace StackKit.Benchmarks;

/// <summary>Building the HTTP service template and writing or reading it, as a deploy or an export does once.</summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "BenchmarkDotNet runs benchmarks as instance methods.")]
public class TemplateGenerationBenchmarks
{
    private readonly string _json = TemplateWriter.ToJson(HttpServiceTemplate.Build());
    private readonly string _yaml = TemplateWriter.ToYaml(HttpServiceTemplate.Build());

    [Benchmark]
    public Template Build() => HttpServiceTemplate.Build();

    [Benchmark]
    public string BuildAndWriteJson() => TemplateWriter.ToJson(HttpServiceTemplate.Build());

    [Benchmark]
    public string BuildAndWriteYaml() => TemplateWriter.ToYaml(HttpServiceTemplate.Build());

    [Benchmark]
    public Template ParseJson() => TemplateReader.Parse(_json);

    [Benchmark]
    public Template ParseYaml() => TemplateReader.Parse(_yaml);
}
