BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../scripts/LocalServices.psm1') -Force
    Set-LoopbackOnlyNetwork
    Import-Module (Join-Path $PSScriptRoot '../../StackKit.psd1') -Force
    $moto = Start-MotoServer
    Set-MotoEnvironment
    $endpoint = $moto.Endpoint

    function Get-MotoImage([string] $Region, [string] $Name = 'web') {
        $stack = (aws cloudformation describe-stacks --stack-name $Name --region $Region --endpoint-url $endpoint --output json | ConvertFrom-Json).Stacks[0]
        ($stack.Parameters | Where-Object ParameterKey -EQ 'DockerImage').ParameterValue
    }
    function Get-ConnectionRegion([object[]] $Records) {
        @($Records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'AWS: *' })[0].Message -replace '^AWS: region (\S+).*$', '$1'
    }
}

AfterAll {
    Stop-MotoServer $moto
}

Describe 'The pipeline carries where a stack lives (same-named stacks in two regions)' {
    BeforeAll {
        Reset-MotoServer $moto
        # moto serves every region on one endpoint: 'web' in us-east-1 and 'web' in eu-west-1 are two stacks.
        $script:east = New-HttpServiceStack web -NoSshAccess -DockerImage example/web:1 -Region us-east-1 -EndpointUrl $endpoint -WarningAction SilentlyContinue
        $script:west = New-HttpServiceStack web -NoSshAccess -DockerImage example/web:1 -Region eu-west-1 -EndpointUrl $endpoint -WarningAction SilentlyContinue
    }

    It 'the objects carry their region and the endpoint they came from' {
        $east.Region | Should -Be 'us-east-1'
        $west.Region | Should -Be 'eu-west-1'
        $west.EndpointUrl | Should -Be "$endpoint/"
    }

    It 'Get -Region eu-west-1 | Update acts on eu-west-1 only, at the piped endpoint (none typed on the right)' {
        $updated = Get-HttpServiceStack web -Region eu-west-1 -EndpointUrl $endpoint | Update-HttpServiceStack -DockerImage example/web:2 -SkipPreflight -WarningAction SilentlyContinue
        $updated.Region | Should -Be 'eu-west-1'
        $updated.DockerImage | Should -Be 'example/web:2'
        Get-MotoImage eu-west-1 | Should -Be 'example/web:2'
        Get-MotoImage us-east-1 | Should -Be 'example/web:1'
    }

    It 'and the other way: Get -Region us-east-1 | Update acts on us-east-1 only' {
        Get-HttpServiceStack web -Region us-east-1 -EndpointUrl $endpoint | Update-HttpServiceStack -DockerImage example/web:3 -SkipPreflight -WarningAction SilentlyContinue | Out-Null
        Get-MotoImage us-east-1 | Should -Be 'example/web:3'
        Get-MotoImage eu-west-1 | Should -Be 'example/web:2'
    }

    It 'a piped stack whose region differs from -Region is an error, not a silent choice (<From> piped, -Region <To>)' -ForEach @(
        @{ From = 'eu-west-1'; To = 'us-east-1' }
        @{ From = 'us-east-1'; To = 'eu-west-1' }
    ) {
        $before = @{ 'us-east-1' = (Get-MotoImage us-east-1); 'eu-west-1' = (Get-MotoImage eu-west-1) }
        Get-HttpServiceStack web -Region $From -EndpointUrl $endpoint | Update-HttpServiceStack -Region $To -DockerImage example/web:9 -SkipPreflight -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'PipedStackInAnotherRegion,*'
        $failures[0].ToString() | Should -BeLike "*'web' came from $From, but -Region says $To*"
        Get-MotoImage us-east-1 | Should -Be $before['us-east-1']
        Get-MotoImage eu-west-1 | Should -Be $before['eu-west-1']
        $removeFailure = Get-HttpServiceStack web -Region $From -EndpointUrl $endpoint | Remove-HttpServiceStack -Region $To -Force -ErrorVariable removeErrors -ErrorAction SilentlyContinue
        $removeErrors[0].FullyQualifiedErrorId | Should -BeLike 'PipedStackInAnotherRegion,*'
    }

    It 'explicit parameters still win: a typed -EndpointUrl replaces the piped one' {
        $failure = Get-HttpServiceStack web -Region eu-west-1 -EndpointUrl $endpoint | Update-HttpServiceStack -EndpointUrl 'http://127.0.0.1:9' -DockerImage example/web:4 -SkipPreflight -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AwsUnreachable,*'
        Get-MotoImage eu-west-1 | Should -Be 'example/web:2'
    }

    It 'Remove and the key cmdlets act in the piped stack''s region: <Command>' -ForEach @(
        @{ Command = 'Remove-HttpServiceStack'; Run = { $input | Remove-HttpServiceStack -Force -Verbose -ErrorAction SilentlyContinue -WhatIf 4>&1 } }
        @{ Command = 'Get-HttpServiceSshKey'; Run = { $input | Get-HttpServiceSshKey -Verbose -ErrorAction SilentlyContinue 4>&1 } }
    ) {
        $records = Get-HttpServiceStack web -Region eu-west-1 -EndpointUrl $endpoint | & $Run
        if ($Command -eq 'Remove-HttpServiceStack') {
            # -WhatIf: no call, so the verbose line is PowerShell's; the target is the eu-west-1 stack.
            (Get-HttpServiceStack -Region eu-west-1 -EndpointUrl $endpoint).Name | Should -Contain 'web'
        }
        else {
            Get-ConnectionRegion $records | Should -Be 'eu-west-1'
        }
    }

    It 'Remove-HttpServiceStack deletes in the piped region' {
        $verbose = Get-HttpServiceStack web -Region eu-west-1 -EndpointUrl $endpoint | Remove-HttpServiceStack -Force -Verbose -ErrorAction SilentlyContinue 4>&1
        Get-ConnectionRegion $verbose | Should -Be 'eu-west-1'
    }
}

Describe 'Flat, serialisable objects' {
    BeforeAll {
        Reset-MotoServer $moto
        $script:created = New-HttpServiceStack flat -NoSshAccess -DockerImage example/web:1 -InstanceType t3.small -Region us-east-1 -EndpointUrl $endpoint -Tag @{ team = 'web' } -WarningAction SilentlyContinue
        $script:got = Get-HttpServiceStack flat -Region us-east-1 -EndpointUrl $endpoint
    }

    It 'has Name, Region, Status, Url, Servers, Healthy, DockerImage, InstanceType, Capacity, Instances, Outputs, Parameters, Tags and times' {
        $names = $got.PSObject.Properties.Name
        foreach ($name in 'Name', 'Region', 'EndpointUrl', 'Status', 'Url', 'Servers', 'Healthy', 'DockerImage', 'InstanceType', 'Capacity', 'Instances', 'Outputs', 'Parameters', 'Tags', 'CreationTime', 'LastUpdatedTime') {
            $names | Should -Contain $name
        }
        $got.DockerImage | Should -Be 'example/web:1'
        $got.InstanceType | Should -Be 't3.small'
        $got.Servers | Should -Be '1 (1-5)'
        $got.Healthy | Should -Be 1
        $got.Instances[0].InstanceId | Should -Match '^i-'
        $got.Tags['team'] | Should -Be 'web'
    }

    It 'Servers and Healthy are real properties: sort and filter on them' {
        @(Get-HttpServiceStack -Region us-east-1 -EndpointUrl $endpoint | Where-Object Healthy -GE 1 | Sort-Object Servers).Name | Should -Contain 'flat'
    }

    It 'New returns the same object as Get, capacity included; so does Update' {
        $created | Should -BeOfType ([StackKit.PowerShell.Output.HttpServiceStackInfo])
        $created.Capacity.DesiredCapacity | Should -Be 1
        $created.Capacity.MaxSize | Should -Be 5
        $updated = Update-HttpServiceStack flat -InstanceType t3.medium -SkipPreflight -Region us-east-1 -EndpointUrl $endpoint -WarningAction SilentlyContinue
        $updated | Should -BeOfType ([StackKit.PowerShell.Output.HttpServiceStackInfo])
        $updated.Capacity.DesiredCapacity | Should -Be 1
        ($updated.PSObject.Properties.Name -join ',') | Should -Be ($got.PSObject.Properties.Name -join ',')
    }

    It 'ConvertTo-Json -Depth 4, Export-Csv and Format-List * show no .NET type names' {
        $json = $got | ConvertTo-Json -Depth 4
        $json | Should -Not -Match 'System\.|StackKit\.|`\d'
        ($json | ConvertFrom-Json).Instances[0].IsHealthy | Should -BeTrue
        ($json | ConvertFrom-Json).Parameters.DockerImage | Should -Be 'example/web:1'
        $csv = Join-Path $TestDrive 'stacks.csv'
        $got | Export-Csv -Path $csv -NoTypeInformation
        $text = Get-Content -Raw $csv
        $text | Should -Not -Match 'System\.|StackKit\.|`\d'
        $text | Should -BeLike '*DockerImage=example/web:1*'
        (Import-Csv $csv).Servers | Should -Be '1 (1-5)'
        ($got | Format-List * | Out-String) | Should -Not -Match 'System\.|StackKit\.|`\d'
    }

    It 'the default table fits 120 columns with the whole Url' {
        $table = Get-HttpServiceStack -Region us-east-1 -EndpointUrl $endpoint | Out-String -Width 120
        # Whole, on one line or wrapped onto the next: never cut.
        ($table -replace '\s', '') | Should -BeLike "*$($got.Url)*"
        $table | Should -Not -Match '…'
        $table | Should -BeLike '*Name*Status*Servers*Healthy*Url*'
        $table | Should -BeLike '*flat*_COMPLETE*1 (1-5)*1/1*'
    }

    It 'a name of the default length is whole in the default table, and a URL wider than what is left wraps instead of being cut' {
        $name = 'ec2-user-20261206-223000'
        $stack = New-HttpServiceStack $name -NoSshAccess -DockerImage example/web:1 -Region us-east-1 -EndpointUrl $endpoint -WarningAction SilentlyContinue
        $table = $stack | Out-String -Width 100
        $table | Should -Match "(?m)^$name\s"
        ($table -replace '\s', '') | Should -BeLike "*$($stack.Url)*"
        $table | Should -Not -Match '…'
        Get-HttpServiceStack $name -Region us-east-1 -EndpointUrl $endpoint | Remove-HttpServiceStack -Force -ErrorAction SilentlyContinue
    }
}

Describe 'The key and log cmdlets act where the piped stack lives (same-named stacks in two regions)' {
    BeforeAll {
        Reset-MotoServer $moto
        foreach ($region in 'us-east-1', 'eu-west-1') {
            New-HttpServiceStack web -NoSshAccess -DockerImage example/web:1 -Region $region -EndpointUrl $endpoint -WarningAction SilentlyContinue | Out-Null
        }
        function New-TestKey([string] $Comment) {
            $file = Join-Path $TestDrive "key-$([guid]::NewGuid().ToString('N'))"
            ssh-keygen -q -t ed25519 -N '' -C $Comment -f $file | Out-Null
            [pscustomobject]@{ Path = "$file.pub"; Line = (Get-Content -Raw "$file.pub").TrimEnd("`n"); Fingerprint = (-split (ssh-keygen -l -f "$file.pub"))[1] }
        }
        function Get-StackResource([string] $Region, [string] $Type) {
            ((aws cloudformation describe-stack-resources --stack-name web --region $Region --endpoint-url $endpoint --output json | ConvertFrom-Json).StackResources |
                Where-Object ResourceType -EQ $Type).PhysicalResourceId
        }
        $script:tables = @{ 'us-east-1' = (Get-StackResource us-east-1 'AWS::DynamoDB::Table'); 'eu-west-1' = (Get-StackResource eu-west-1 'AWS::DynamoDB::Table') }
        # The fingerprints in a region's key table, read with the AWS CLI, not with StackKit.
        function Get-TableFingerprint([string] $Region) {
            @((aws dynamodb scan --table-name $tables[$Region] --consistent-read --region $Region --endpoint-url $endpoint --output json | ConvertFrom-Json).Items.Fingerprint.S | Where-Object { $_ })
        }
        function Clear-Table {
            foreach ($region in $tables.Keys) {
                foreach ($fingerprint in Get-TableFingerprint $region) {
                    aws dynamodb delete-item --table-name $tables[$region] --key (ConvertTo-Json -Compress @{ Fingerprint = @{ S = $fingerprint } }) --region $region --endpoint-url $endpoint
                }
            }
        }
    }
    BeforeEach {
        Clear-Table
    }

    It 'a key added through a piped stack from <Region> lands in <Region>''s table only' -ForEach @(
        @{ Region = 'eu-west-1'; Other = 'us-east-1' }
        @{ Region = 'us-east-1'; Other = 'eu-west-1' }
    ) {
        $key = New-TestKey "piped-$Region"
        # No -EndpointUrl on the right: the piped stack's endpoint is used, or the call would go to AWS and fail.
        $added = Get-HttpServiceStack web -Region $Region -EndpointUrl $endpoint | Add-HttpServiceSshKey -PublicKey $key.Line -PassThru
        Get-TableFingerprint $Region | Should -Be @($key.Fingerprint)
        Get-TableFingerprint $Other | Should -BeNullOrEmpty
        $added.Region | Should -Be $Region
        $added.EndpointUrl | Should -Be "$endpoint/"
        $added.StackName | Should -Be 'web'
        $file = New-TestKey "file-$Region"
        Get-HttpServiceStack web -Region $Region -EndpointUrl $endpoint | Add-HttpServiceSshKey -Path $file.Path
        Get-TableFingerprint $Region | Should -Contain $file.Fingerprint
        Get-TableFingerprint $Other | Should -BeNullOrEmpty
    }

    It 'keys piped as lines or files go to the typed -Region (no piped stack, no conflict)' {
        $line, $file = (New-TestKey 'line'), (New-TestKey 'file')
        $line.Line | Add-HttpServiceSshKey web -Region eu-west-1 -EndpointUrl $endpoint
        Get-Item $file.Path | Add-HttpServiceSshKey web -Region eu-west-1 -EndpointUrl $endpoint
        Get-TableFingerprint eu-west-1 | Sort-Object | Should -Be (@($line.Fingerprint, $file.Fingerprint) | Sort-Object)
        Get-TableFingerprint us-east-1 | Should -BeNullOrEmpty
    }

    It 'a piped stack without a key is refused, naming the ways to give one' {
        { Get-HttpServiceStack web -Region eu-west-1 -EndpointUrl $endpoint | Add-HttpServiceSshKey -ErrorAction Stop } | Should -Throw '*No key to add*-PublicKey, -Path or -LiteralPath*'
        { Add-HttpServiceSshKey web -PublicKey (Get-Item $PSCommandPath) -Region eu-west-1 -EndpointUrl $endpoint } | Should -Throw '*-PublicKey takes key lines (text), not FileInfo*-Path*'
    }

    It 'Get-HttpServiceSshKey through a piped stack reads that region''s keys, and its objects say where they are' {
        $east, $west = (New-TestKey 'east'), (New-TestKey 'west')
        Add-HttpServiceSshKey web $east.Line -Region us-east-1 -EndpointUrl $endpoint
        Add-HttpServiceSshKey web $west.Line -Region eu-west-1 -EndpointUrl $endpoint
        $keys = @(Get-HttpServiceStack web -Region eu-west-1 -EndpointUrl $endpoint | Get-HttpServiceSshKey)
        $keys.Fingerprint | Should -Be @($west.Fingerprint)
        $keys[0].Region | Should -Be 'eu-west-1'
        $keys[0].EndpointUrl | Should -Be "$endpoint/"
        $keys[0].StackName | Should -Be 'web'
        (Get-HttpServiceStack web -Region us-east-1 -EndpointUrl $endpoint | Get-HttpServiceSshKey).Fingerprint | Should -Be @($east.Fingerprint)
    }

    It 'Get-HttpServiceSshKey -Region <Region> | Remove-HttpServiceSshKey -Confirm:$false removes in <Region> only' -ForEach @(
        @{ Region = 'eu-west-1'; Other = 'us-east-1' }
        @{ Region = 'us-east-1'; Other = 'eu-west-1' }
    ) {
        # The same key in both regions' tables: only the piped one's may go.
        $key = New-TestKey 'both'
        foreach ($r in 'us-east-1', 'eu-west-1') { Add-HttpServiceSshKey web $key.Line -Region $r -EndpointUrl $endpoint }
        Get-HttpServiceSshKey -StackName web -Region $Region -EndpointUrl $endpoint | Remove-HttpServiceSshKey -Confirm:$false
        Get-TableFingerprint $Region | Should -BeNullOrEmpty
        Get-TableFingerprint $Other | Should -Be @($key.Fingerprint)
    }

    It 'a piped stack or key whose region differs from -Region is an error for <Command> (<From> piped, -Region <To>)' -ForEach @(
        foreach ($pair in @(@{ From = 'eu-west-1'; To = 'us-east-1' }, @{ From = 'us-east-1'; To = 'eu-west-1' })) {
            @{ Command = 'Add-HttpServiceSshKey'; From = $pair.From; To = $pair.To; Run = { param($to, $line) $input | Add-HttpServiceSshKey -PublicKey $line -Region $to -ErrorVariable failures -ErrorAction SilentlyContinue; $failures } }
            @{ Command = 'Get-HttpServiceSshKey'; From = $pair.From; To = $pair.To; Run = { param($to) $input | Get-HttpServiceSshKey -Region $to -ErrorVariable failures -ErrorAction SilentlyContinue | Out-Null; $failures } }
            @{ Command = 'Get-HttpServiceLog'; From = $pair.From; To = $pair.To; Run = { param($to) $input | Get-HttpServiceLog -Region $to -ErrorVariable failures -ErrorAction SilentlyContinue | Out-Null; $failures } }
            @{ Command = 'Remove-HttpServiceSshKey (piped key)'; From = $pair.From; To = $pair.To; Run = { param($to) $input | Get-HttpServiceSshKey | Remove-HttpServiceSshKey -Region $to -Force -ErrorVariable failures -ErrorAction SilentlyContinue; $failures } }
            @{ Command = 'Remove-HttpServiceSshKey (piped stack)'; From = $pair.From; To = $pair.To; Run = { param($to, $line, $fingerprint) $input | Remove-HttpServiceSshKey -Fingerprint $fingerprint -Region $to -Force -ErrorVariable failures -ErrorAction SilentlyContinue; $failures } }
        }
    ) {
        $key = New-TestKey 'kept'
        foreach ($r in 'us-east-1', 'eu-west-1') { Add-HttpServiceSshKey web $key.Line -Region $r -EndpointUrl $endpoint }
        $newKey = New-TestKey 'refused'
        $failures = @(Get-HttpServiceStack web -Region $From -EndpointUrl $endpoint | & $Run $To $newKey.Line $key.Fingerprint)
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'PipedStackInAnotherRegion,*'
        $failures[0].ToString() | Should -BeLike "*'web' came from $From, but -Region says $To*"
        # Neither table changed.
        Get-TableFingerprint us-east-1 | Should -Be @($key.Fingerprint)
        Get-TableFingerprint eu-west-1 | Should -Be @($key.Fingerprint)
    }

    It 'Get-HttpServiceLog through a piped stack reads that region''s log group' {
        $at = [datetimeoffset]::UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds()
        foreach ($region in 'us-east-1', 'eu-west-1') {
            # The central group (logical id LogGroup), not the SSH key audit trail's.
            $group = ((aws cloudformation describe-stack-resources --stack-name web --region $region --endpoint-url $endpoint --output json | ConvertFrom-Json).StackResources |
                Where-Object LogicalResourceId -EQ 'LogGroup').PhysicalResourceId
            aws logs create-log-stream --log-group-name $group --log-stream-name i-0aaaaaaaaaaaaaaa1 --region $region --endpoint-url $endpoint
            aws logs put-log-events --log-group-name $group --log-stream-name i-0aaaaaaaaaaaaaaa1 --region $region --endpoint-url $endpoint `
                --log-events (ConvertTo-Json -Compress @(@{ timestamp = $at; message = "hello from $region" })) | Out-Null
        }
        (Get-HttpServiceStack web -Region eu-west-1 -EndpointUrl $endpoint | Get-HttpServiceLog -Since 1h).Message | Should -Be @('hello from eu-west-1')
        (Get-HttpServiceStack web -Region us-east-1 -EndpointUrl $endpoint | Get-HttpServiceLog -Since 1h).Message | Should -Be @('hello from us-east-1')
    }
}

Describe 'Flat, serialisable keys' {
    BeforeAll {
        Reset-MotoServer $moto
        New-HttpServiceStack keys -NoSshAccess -DockerImage example/web:1 -Region eu-west-1 -EndpointUrl $endpoint -WarningAction SilentlyContinue | Out-Null
        $file = Join-Path $TestDrive 'flat-key'
        ssh-keygen -q -t ed25519 -N '' -C 'alice@laptop' -f $file | Out-Null
        $script:fingerprint = (-split (ssh-keygen -l -f "$file.pub"))[1]
        Add-HttpServiceSshKey keys -Path "$file.pub" -Region eu-west-1 -EndpointUrl $endpoint
        $script:key = Get-HttpServiceSshKey keys -Region eu-west-1 -EndpointUrl $endpoint
    }

    It 'has StackName, Region, EndpointUrl and the key''s fields' {
        $key | Should -BeOfType ([StackKit.PowerShell.Output.SshKeyInfo])
        foreach ($name in 'StackName', 'Region', 'EndpointUrl', 'Fingerprint', 'Type', 'Comment', 'AddedAt', 'AddedBy', 'ExpiresAt', 'KeyLine', 'IsValid') {
            $key.PSObject.Properties.Name | Should -Contain $name
        }
        $key.Region | Should -Be 'eu-west-1'
    }

    It 'ConvertTo-Json -Depth 4 and Export-Csv show no .NET type names' {
        $json = $key | ConvertTo-Json -Depth 4
        $json | Should -Not -Match 'System\.|StackKit\.|`\d'
        ($json | ConvertFrom-Json).Region | Should -Be 'eu-west-1'
        $csv = Join-Path $TestDrive 'keys.csv'
        $key | Export-Csv -Path $csv -NoTypeInformation
        Get-Content -Raw $csv | Should -Not -Match 'System\.|StackKit\.|`\d'
        (Import-Csv $csv).Fingerprint | Should -Be $fingerprint
        (Import-Csv $csv).EndpointUrl | Should -Be "$endpoint/"
    }

    It 'the default table fits 120 columns with the whole fingerprint and comment' {
        $table = $key | Format-Table | Out-String -Width 120
        $table | Should -Match 'Fingerprint\s+Type\s+Comment\s+Expires\s+AddedBy'
        $table | Should -BeLike "*$fingerprint ssh-ed25519 alice@laptop*"
        # AddedBy shows the principal without the ARN's fixed prefix (arn:aws:iam::<account>:).
        $table | Should -BeLike "*$($key.AddedBy -replace '^arn:aws:(iam|sts)::\d+:', '')*"
    }
}

Describe 'A piped endpoint elsewhere than this machine is not called' {
    It '<_> refuses an object from a CSV naming another host, and says how to call it on purpose' -ForEach @('Get-HttpServiceSshKey', 'Remove-HttpServiceStack', 'Get-HttpServiceLog') {
        $row = [pscustomobject]@{ Name = 'web'; Region = 'us-east-1'; EndpointUrl = 'http://198.51.100.7:4566/' }
        $arguments = @{ ErrorVariable = 'failures'; ErrorAction = 'SilentlyContinue' }
        if ($_ -eq 'Remove-HttpServiceStack') { $arguments.Force = $true }

        $row | & $_ @arguments

        $failures.Count | Should -Be 1
        "$($failures[0])" | Should -BeLike '*names the endpoint http://198.51.100.7:4566/, which is not on this machine*add -EndpointUrl http://198.51.100.7:4566/*'
    }

    It 'a piped stack from moto on 127.0.0.1 still goes where it came from' {
        Reset-MotoServer $moto
        New-HttpServiceStack web -NoSshAccess -Region us-east-1 -EndpointUrl $endpoint -SkipPreflight -WarningAction SilentlyContinue | Out-Null

        $stack = [pscustomobject]@{ Name = 'web'; Region = 'us-east-1'; EndpointUrl = $endpoint } | Get-HttpServiceStack

        $stack.Name | Should -Be 'web'
    }
}
