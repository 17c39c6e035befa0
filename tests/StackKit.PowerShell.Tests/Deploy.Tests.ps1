BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ChildPwsh.psm1') -Force
    # Shaped like an AWS access key id (AKIA + 16), but not one: nothing in these tests reaches AWS.
    $script:awsShapedKey = 'AKIA2STACKKITTEST234'
    function Get-DeployTarget([hashtable] $Environment, [switch] $Local) {
        $call = if ($Local) { 'Resolve-DeployTarget -Local' } else { 'Resolve-DeployTarget' }
        $json = Invoke-ChildPwsh "Import-Module ./StackKit.psd1; Import-Module ./scripts/DeployTarget.psm1; $call | ConvertTo-Json -Compress" $Environment
        $json | ConvertFrom-Json
    }
}

Describe 'Where the main job deploys (Resolve-DeployTarget)' {
    BeforeAll {
        $script:emptyHome = (New-Item -ItemType Directory -Path (Join-Path $TestDrive 'empty-home')).FullName
    }

    It 'goes local when the credential chain finds nothing' {
        $target = Get-DeployTarget @{ HOME = $emptyHome }
        $target.Target | Should -Be 'Local'
        $target.Reason | Should -BeLike '*found no credentials*'
    }

    It "goes local with moto's placeholder keys (AWS_ACCESS_KEY_ID=testing), naming the key" {
        $target = Get-DeployTarget @{ HOME = $emptyHome; AWS_ACCESS_KEY_ID = 'testing'; AWS_SECRET_ACCESS_KEY = 'testing' }
        $target.Target | Should -Be 'Local'
        $target.Reason | Should -BeLike "*placeholder access key 'testing'*"
    }

    It "goes local with AWS's documented example key" {
        $target = Get-DeployTarget @{ HOME = $emptyHome; AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE'; AWS_SECRET_ACCESS_KEY = 'x' }
        $target.Target | Should -Be 'Local'
    }

    It 'goes local when a local endpoint is set, even with real-looking credentials, and names the variable' {
        $target = Get-DeployTarget @{ HOME = $emptyHome; AWS_ACCESS_KEY_ID = $awsShapedKey; AWS_SECRET_ACCESS_KEY = 'x'; AWS_ENDPOINT_URL = 'http://127.0.0.1:4566' }
        $target.Target | Should -Be 'Local'
        $target.Reason | Should -BeLike '*AWS_ENDPOINT_URL is set (http://127.0.0.1:4566)*'
        $service = Get-DeployTarget @{ HOME = $emptyHome; AWS_ACCESS_KEY_ID = $awsShapedKey; AWS_SECRET_ACCESS_KEY = 'x'; AWS_ENDPOINT_URL_CLOUDFORMATION = 'http://127.0.0.1:4566' }
        $service.Reason | Should -BeLike '*AWS_ENDPOINT_URL_CLOUDFORMATION is set*'
    }

    It 'goes local when the profile in use sets endpoint_url, and names the profile' {
        $configHome = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'endpoint-home')
        New-Item -ItemType Directory -Path (Join-Path $configHome '.aws') | Out-Null
        Set-Content -Path (Join-Path $configHome '.aws/config') -Value "[profile dev]`nendpoint_url = http://127.0.0.1:4566"
        $target = Get-DeployTarget @{ HOME = $configHome.FullName; AWS_PROFILE = 'dev'; AWS_ACCESS_KEY_ID = $awsShapedKey; AWS_SECRET_ACCESS_KEY = 'x' }
        $target.Target | Should -Be 'Local'
        $target.Reason | Should -BeLike "*profile 'dev' sets endpoint_url (http://127.0.0.1:4566*"
    }

    It 'an empty AWS_ENDPOINT_URL sets no endpoint, as the SDK reads it' {
        $target = Get-DeployTarget @{ HOME = $emptyHome; AWS_ACCESS_KEY_ID = $awsShapedKey; AWS_SECRET_ACCESS_KEY = 'x'; AWS_ENDPOINT_URL = '' }
        $target.Target | Should -Be 'AWS'
    }

    It 'goes to AWS when the environment holds an AWS access key id, showing only its ends' {
        $target = Get-DeployTarget @{ HOME = $emptyHome; AWS_ACCESS_KEY_ID = $awsShapedKey; AWS_SECRET_ACCESS_KEY = 'x' }
        $target.Target | Should -Be 'AWS'
        $target.Reason | Should -BeLike '*found access key AKIA...T234 (EnvironmentVariablesAWSCredentials)*'
        $target.Reason | Should -Not -BeLike "*$awsShapedKey*"
    }

    It 'goes to AWS when the default profile of ~/.aws/credentials holds an AWS access key id' {
        $profileHome = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'profile-home')
        New-Item -ItemType Directory -Path (Join-Path $profileHome '.aws') | Out-Null
        Set-Content -Path (Join-Path $profileHome '.aws/credentials') -Value "[default]`naws_access_key_id = $awsShapedKey`naws_secret_access_key = x"
        $target = Get-DeployTarget @{ HOME = $profileHome.FullName }
        $target.Target | Should -Be 'AWS'
    }

    It '-Local forces moto whatever the credentials' {
        $target = Get-DeployTarget @{ HOME = $emptyHome; AWS_ACCESS_KEY_ID = $awsShapedKey; AWS_SECRET_ACCESS_KEY = 'x' } -Local
        $target.Target | Should -Be 'Local'
        $target.Reason | Should -BeLike '*-Local was given*'
    }
}

Describe 'The main job (scripts/deploy.sh)' {
    It 'with AWS-shaped credentials, says first that it deploys to AWS and why (here only -WhatIf: nothing is sent)' {
        $output = @(Invoke-ChildPwsh '& ./scripts/Deploy-HttpService.ps1 -Region eu-west-1 -SshKeyName k -WhatIf *>&1 | Out-String -Stream -Width 300' @{
                AWS_ACCESS_KEY_ID = $awsShapedKey; AWS_SECRET_ACCESS_KEY = 'x'; HOME = (New-Item -ItemType Directory -Path (Join-Path $TestDrive 'aws-home')).FullName
            }) | Where-Object { $_.Trim() }
        $output[0] | Should -BeLike 'Deploying to AWS: the AWS credential chain found access key AKIA...T234*'
        ($output -join "`n") | Should -BeLike '*What if: Performing the operation "Create the HTTP service stack*in eu-west-1*'
    }

    It '--local forces moto even with AWS-shaped credentials: the first line says so, then deploy, status, key, clean-up' {
        $emptyHome = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'home')
        $before = @(Get-Process moto_server -ErrorAction SilentlyContinue).Id
        $lines = @(& env -i "HOME=$emptyHome" "DOTNET_CLI_HOME=$HOME" "PATH=$env:PATH" "NUGET_PACKAGES=$(if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' })" `
                'DOTNET_NOLOGO=1' 'AWS_EC2_METADATA_DISABLED=true' "AWS_ACCESS_KEY_ID=$awsShapedKey" 'AWS_SECRET_ACCESS_KEY=x' `
                bash (Join-Path $PSScriptRoot '../../scripts/deploy.sh') --local 2>&1)
        $output = $lines -join "`n"

        $lines[0] | Should -Be 'Deploying to a local moto_server: -Local was given.'
        $output | Should -Match 'Status: CREATE_COMPLETE\s+URL: http://\S+\.elb\.amazonaws\.com'
        $output | Should -BeLike '*GET / -> Hi*'
        $output | Should -Match "Key successfully saved:\s+ssh-ed25519 AAAA\S+ stackkit-demo"
        $output | Should -BeLike '*Done on loopback*'
        # It stops what it started: no moto_server is left behind. Other test runs may start their own meanwhile; a
        # leftover of this one would be an orphan, its parent (the deploy's pwsh) gone.
        @(Get-Process moto_server -ErrorAction SilentlyContinue | Where-Object { $_.Id -notin $before -and -not $_.Parent }).Count | Should -Be 0
    }
}
