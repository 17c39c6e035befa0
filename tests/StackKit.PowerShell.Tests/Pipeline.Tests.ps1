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
        $table | Should -BeLike "*$($got.Url)*"
        $table | Should -BeLike '*Name*Status*Servers*Healthy*Url*'
        $table | Should -BeLike '*flat*_COMPLETE*1 (1-5)*1/1*'
    }
}
