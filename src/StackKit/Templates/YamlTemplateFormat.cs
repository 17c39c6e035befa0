using System.Globalization;
using System.Text.RegularExpressions;
using StackKit.Templates.Intrinsics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace StackKit.Templates;

/// <summary>
/// The YAML form of a template document (YamlDotNet): intrinsics as CloudFormation short tags (<c>!Ref</c>,
/// <c>!GetAtt</c>, <c>!Sub</c>…), multi-line strings as literal blocks, strings quoted only when plain would
/// read back as something else.
/// </summary>
internal static class YamlTemplateFormat
{
    private static readonly Regex Integer = new(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant);
    private static readonly Regex Float = new(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant);
    private static readonly Regex PlainSafe = new(@"^[A-Za-z/]([A-Za-z0-9 _./:()<>,=-]*[A-Za-z0-9_./:()<>,=-])?$", RegexOptions.CultureInvariant);
    private static readonly HashSet<string> Reserved = new(
        ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"], StringComparer.OrdinalIgnoreCase);

    public static string Write(Expression document)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(text, new EmitterSettings().WithBestIndent(2).WithBestWidth(int.MaxValue));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        Write(emitter, document, TagName.Empty, flow: false);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    public static Expression Read(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new InvalidTemplateException($"The template is not valid YAML (line {e.Start.Line}, column {e.Start.Column}): {e.Message}", e);
        }
        return stream.Documents.Count == 1
            ? Read(stream.Documents[0].RootNode, depth: 0)
            : throw new InvalidTemplateException($"A template file holds exactly one YAML document, not {stream.Documents.Count}.");
    }

    private static void Write(IEmitter emitter, Expression expression, TagName tag, bool flow)
    {
        switch (expression)
        {
            case Literal literal:
                WriteScalar(emitter, literal, tag);
                break;
            case ListExpression list:
                emitter.Emit(new SequenceStart(AnchorName.Empty, tag, tag.IsEmpty, flow || list.Items.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in list.Items)
                {
                    Write(emitter, item, TagName.Empty, flow);
                }
                emitter.Emit(new SequenceEnd());
                break;
            case ObjectExpression map:
                emitter.Emit(new MappingStart(AnchorName.Empty, tag, tag.IsEmpty, flow || map.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var entry in map.Entries)
                {
                    WriteScalar(emitter, Literal.Of(entry.Key), TagName.Empty);
                    Write(emitter, entry.Value, TagName.Empty, flow);
                }
                emitter.Emit(new MappingEnd());
                break;
            case Intrinsic call:
                WriteCall(emitter, call, tag, flow);
                break;
            default:
                throw new InvalidOperationException($"Unexpected node {expression.GetType().Name}.");
        }
    }

    private static void WriteCall(IEmitter emitter, Intrinsic call, TagName tag, bool flow)
    {
        // A node carries one tag: when the argument is itself a tagged call, or this node already has a tag,
        // the long form keeps both readable (!Base64 !Sub … is not valid YAML).
        if (call.Argument is Intrinsic || !tag.IsEmpty)
        {
            var longForm = new ObjectExpression { [call.Name] = call.Argument };
            Write(emitter, longForm, tag, flow);
            return;
        }
        var shortTag = new TagName(Intrinsic.ShortTags[call.Name]);
        if (call.Name == "Fn::GetAtt" && call.Argument is ListExpression { Items.Count: 2 } pair
            && pair.Items[0] is Literal { Value: string id } && pair.Items[1] is Literal { Value: string attribute })
        {
            emitter.Emit(new Scalar(AnchorName.Empty, shortTag, $"{id}.{attribute}", ScalarStyle.Plain, false, false));
            return;
        }
        Write(emitter, call.Argument, shortTag, flow || IsFlowable(call.Argument));
    }

    private static void WriteScalar(IEmitter emitter, Literal literal, TagName tag)
    {
        var (text, style) = literal.Value switch
        {
            string value when value.Contains('\n') => (value, ScalarStyle.Literal),
            string value when ReadsBackAsString(value) => (value, ScalarStyle.Plain),
            string value => (value, ScalarStyle.SingleQuoted),
            bool flag => (flag ? "true" : "false", ScalarStyle.Plain),
            double number => (number.ToString("R", CultureInfo.InvariantCulture), ScalarStyle.Plain),
            _ => (literal.ToString(), ScalarStyle.Plain),
        };
        var plainImplicit = tag.IsEmpty && (literal.Value is not string || style == ScalarStyle.Plain);
        emitter.Emit(new Scalar(AnchorName.Empty, tag, text, style, plainImplicit, tag.IsEmpty));
    }

    private static bool ReadsBackAsString(string value) =>
        PlainSafe.IsMatch(value) && !Reserved.Contains(value)
        && !value.Contains(": ") && !value.Contains(" #");

    // Short argument lists read best inline: !Select [0, !GetAZs ''].
    private static bool IsFlowable(Expression argument) =>
        argument is ListExpression && argument.DescendantsAndSelf().All(node => node switch
        {
            Literal { Value: string text } => !text.Contains('\n'),
            Literal or ListExpression => true,
            Intrinsic call => call.Argument is not Intrinsic,
            _ => false,
        });

    // As deep as System.Text.Json reads JSON; deeper input is an attack or an accident, not a template.
    private const int MaxDepth = 64;

    private static Expression Read(YamlNode node, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidTemplateException($"The template nests deeper than {MaxDepth} levels at line {node.Start.Line}.");
        }
        if (!node.Anchor.IsEmpty)
        {
            throw new InvalidTemplateException($"Line {node.Start.Line} uses the YAML anchor '&{node.Anchor}'; CloudFormation supports no anchors or aliases, so write the value out.");
        }
        var tag = node.Tag.IsEmpty || node.Tag.IsNonSpecific ? null : node.Tag.Value;
        Expression value = node switch
        {
            YamlScalarNode scalar => tag is null ? ReadScalar(scalar) : Literal.Of(scalar.Value ?? string.Empty),
            YamlSequenceNode sequence => new ListExpression(sequence.Children.Select(child => Read(child, depth + 1)).ToList()),
            YamlMappingNode mapping => ReadMapping(mapping, depth),
            _ => throw new InvalidTemplateException($"Unsupported YAML node at line {node.Start.Line}."),
        };
        return tag is null ? value : IntrinsicForms.FromShortTag(tag, value);
    }

    private static Expression ReadMapping(YamlMappingNode mapping, int depth)
    {
        var map = new ObjectExpression();
        foreach (var entry in mapping.Children)
        {
            var key = entry.Key is YamlScalarNode { Value: { } text } ? text
                : throw new InvalidTemplateException($"Mapping keys must be plain strings (line {entry.Key.Start.Line}).");
            if (map[key] is not null)
            {
                throw new InvalidTemplateException($"Key '{key}' appears twice in one mapping (line {entry.Key.Start.Line}); keep one.");
            }
            map[key] = Read(entry.Value, depth + 1);
        }
        if (mapping.Tag.IsEmpty && map.Count == 1 && map.Entries.Single() is var only && IntrinsicForms.IsCall(only.Key, only.Value))
        {
            return IntrinsicForms.FromLongForm(only.Key, only.Value);
        }
        return map;
    }

    private static Literal ReadScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return Literal.Of(text);
        }
        if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return Literal.Of(bool.Parse(text));
        }
        if (Integer.IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return Literal.Of(whole);
        }
        if (Float.IsMatch(text))
        {
            return Literal.Of(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }
        return text is "" or "~" or "null" or "Null" or "NULL"
            ? throw new InvalidTemplateException($"Line {scalar.Start.Line} holds a null; CloudFormation values are strings, numbers, booleans, lists or mappings.")
            : Literal.Of(text);
    }
}
