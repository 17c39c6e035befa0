using StackKit.Templates.Intrinsics;

namespace StackKit.Templates;

/// <summary>The checks a template passes before it is written: unique ids, resolvable references, no cycles.</summary>
internal static class TemplateChecks
{
    public static void Validate(Template template)
    {
        var problems = new List<string>();
        problems.AddRange(Duplicates(template.Parameters.Select(p => ("parameter", p.LogicalId))
            .Concat(template.Resources.Select(r => ("resource", r.LogicalId)))));
        problems.AddRange(Duplicates(template.Conditions.Select(c => ("condition", c.LogicalId))));
        problems.AddRange(Duplicates(template.Outputs.Select(o => ("output", o.LogicalId))));
        problems.AddRange(DanglingReferences(template));
        if (problems.Count == 0)
        {
            problems.AddRange(Cycles(template));
        }
        if (problems.Count > 0)
        {
            throw new InvalidTemplateException(problems);
        }
    }

    private static IEnumerable<string> Duplicates(IEnumerable<(string Kind, string Id)> entries) =>
        entries.GroupBy(entry => entry.Id, StringComparer.Ordinal)
            .Where(group => group.Count() > 1)
            .Select(group => $"Logical id '{group.Key}' is used {group.Count()} times ({string.Join(", ", group.Select(entry => entry.Kind))}); give each a unique id.");

    private static IEnumerable<string> DanglingReferences(Template template)
    {
        var targets = new HashSet<string>(template.Parameters.Select(p => p.LogicalId).Concat(template.Resources.Select(r => r.LogicalId)), StringComparer.Ordinal);
        var resources = new HashSet<string>(template.Resources.Select(r => r.LogicalId), StringComparer.Ordinal);
        var conditions = new HashSet<string>(template.Conditions.Select(c => c.LogicalId), StringComparer.Ordinal);

        IEnumerable<string> Check(string owner, IEnumerable<Expression> expressions, Condition? condition)
        {
            foreach (var expression in expressions)
            {
                foreach (var target in References.Targets(expression).Where(t => !targets.Contains(t) && !Pseudo.IsPseudoParameter(t)).Distinct())
                {
                    yield return $"{owner} refers to '{target}', which is not a parameter or resource of this template.";
                }
                foreach (var name in References.Conditions(expression).Where(c => !conditions.Contains(c)).Distinct())
                {
                    yield return $"{owner} refers to condition '{name}', which is not a condition of this template.";
                }
            }
            if (condition is not null && !conditions.Contains(condition.LogicalId))
            {
                yield return MissingCondition(owner, condition.LogicalId);
            }
        }

        foreach (var condition in template.Conditions)
        {
            foreach (var problem in Check($"Condition '{condition.LogicalId}'", [condition.Expression.Expression], null))
            {
                yield return problem;
            }
        }
        foreach (var resource in template.Resources)
        {
            foreach (var problem in Check($"Resource '{resource.LogicalId}'", [resource.Properties], resource.Condition))
            {
                yield return problem;
            }
            foreach (var dependency in resource.DependsOn.Where(d => d is null || !resources.Contains(d.LogicalId)))
            {
                yield return dependency is null
                    ? $"Resource '{resource.LogicalId}' has a null in DependsOn; remove it."
                    : MissingDependency(resource.LogicalId, dependency.LogicalId);
            }
        }
        foreach (var output in template.Outputs)
        {
            foreach (var problem in Check($"Output '{output.LogicalId}'", [output.Value.Expression], output.Condition))
            {
                yield return problem;
            }
        }
    }

    public static string MissingCondition(string owner, string condition) =>
        $"{owner} has Condition '{condition}', which is not a condition of this template.";

    public static string MissingDependency(string resource, string dependency) =>
        $"Resource '{resource}' depends on '{dependency}', which is not a resource of this template.";

    private static List<string> Cycles(Template template)
    {
        var resources = template.Resources.ToDictionary(r => r.LogicalId, StringComparer.Ordinal);
        var edges = template.Resources.ToDictionary(
            r => r.LogicalId,
            r => References.Targets(r.Properties).Concat(r.DependsOn.Select(d => d.LogicalId)).Where(resources.ContainsKey).Distinct(StringComparer.Ordinal).ToList(),
            StringComparer.Ordinal);

        var finished = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        var problems = new List<string>();

        void Visit(string id)
        {
            var open = path.IndexOf(id);
            if (open >= 0)
            {
                var cycle = path.Skip(open).Append(id);
                problems.Add($"Resources depend on each other in a circle: {string.Join(" -> ", cycle)}; break one of these references.");
                return;
            }
            if (!finished.Add(id))
            {
                return;
            }
            path.Add(id);
            foreach (var next in edges[id])
            {
                Visit(next);
            }
            path.RemoveAt(path.Count - 1);
        }

        foreach (var id in resources.Keys)
        {
            Visit(id);
        }
        return problems;
    }
}
