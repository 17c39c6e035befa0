using StackKit.Templates;
using StackKit.Templates.Intrinsics;

namespace StackKit.Resources.DynamoDB;

/// <summary>A DynamoDB table. (<c>AWS::DynamoDB::Table</c>)</summary>
public sealed class Table : Resource
{
    /// <summary>The CloudFormation type.</summary>
    public const string TypeName = "AWS::DynamoDB::Table";

    /// <summary>A Table with this logical id.</summary>
    public Table(string logicalId)
        : base(logicalId, TypeName)
    {
    }

    /// <summary>The attributes the key schema and indexes name, with their types.</summary>
    public IReadOnlyList<AttributeDefinition>? AttributeDefinitions { get => GetObjects<AttributeDefinition>(); set => SetObjects(value); }

    /// <summary>The primary key: a HASH attribute and optionally a RANGE one.</summary>
    public IReadOnlyList<KeySchema>? KeySchema { get => GetObjects<KeySchema>(); set => SetObjects(value); }

    /// <summary><c>PAY_PER_REQUEST</c> (on demand) or <c>PROVISIONED</c>.</summary>
    public Value<BillingMode>? BillingMode { get => GetValue<BillingMode>(); set => SetValue(value); }

    /// <summary>Encryption at rest.</summary>
    public SSESpecification? SSESpecification { get => GetObject<SSESpecification>(); set => SetObject(value); }

    /// <summary>The attribute whose time passed makes DynamoDB delete an item.</summary>
    public TimeToLiveSpecification? TimeToLiveSpecification { get => GetObject<TimeToLiveSpecification>(); set => SetObject(value); }

    /// <summary>The table's stream of changes; unset: none.</summary>
    public StreamSpecification? StreamSpecification { get => GetObject<StreamSpecification>(); set => SetObject(value); }

    /// <summary>Tags on the resource.</summary>
    public IReadOnlyList<Tag>? Tags { get => GetObjects<Tag>(); set => SetObjects(value); }

    /// <summary>The table's name (its <c>Ref</c>).</summary>
    public Value<string> TableName => Ref;

    /// <summary>The table's ARN.</summary>
    public Value<string> Arn => Fn.GetAtt<string>(this, "Arn");

    /// <summary>The ARN of the table's stream (the table needs a <see cref="StreamSpecification"/>).</summary>
    public Value<string> StreamArn => Fn.GetAtt<string>(this, "StreamArn");
}
