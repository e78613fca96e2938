// Where the web console lives in AWS: a private bucket behind CloudFront, served with the console's security headers.
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Construct } from 'constructs';
import { consoleSecurityHeaders } from '../functions/http/security-headers.ts';

/** The console calls the API (execute-api) and posts photos to the image bucket, both under amazonaws.com. */
const awsOrigins = ['https://*.amazonaws.com'];

export class ConsoleSite extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** https://<id>.cloudfront.net: the one browser origin the API and the image bucket answer. */
  readonly origin: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Files', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      // Only the built console, which every deploy uploads again.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const headers = consoleSecurityHeaders(awsOrigins);
    const responseHeaders = new ResponseHeadersPolicy(this, 'Headers', {
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: headers['content-security-policy']!, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      },
    });

    this.distribution = new Distribution(this, 'Cdn', {
      comment: 'Stolen-object registry web console',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        compress: true,
        responseHeadersPolicy: responseHeaders,
      },
      // The console's own routes (/objects/…, /search) are not files: answer them with the app, which routes itself.
      errorResponses: [403, 404].map((httpStatus) => ({ httpStatus, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.minutes(5) })),
      // North America and Europe edges only: the cheapest class; users elsewhere are served from the nearest of them.
      priceClass: PriceClass.PRICE_CLASS_100,
    });
    this.origin = `https://${this.distribution.distributionDomainName}`;

    for (const [rule, reason] of [
      ['AwsSolutions-S1', 'The bucket holds only the public build of the console; CloudFront is the only reader.'],
      ['AwsSolutions-CFR1', 'A registry for museums and agencies worldwide: no country is blocked.'],
      ['AwsSolutions-CFR2', 'WAF costs a monthly fee per web ACL; the console is static files and the API has its own throttles.'],
      ['AwsSolutions-CFR3', 'Access logs of static files cost storage and tell nothing the API access log does not.'],
      ['AwsSolutions-CFR4', 'The default *.cloudfront.net certificate; set a custom domain and TLSv1.2_2021 when one is bought.'],
    ] as const) {
      Validations.of(rule === 'AwsSolutions-S1' ? this.bucket : this.distribution).acknowledge({ id: rule, reason });
    }
  }
}

/** What the console reads from /config.json in AWS (web/src/config.ts): the API's address and the hosted sign-in. */
export interface DeployedConsoleConfig {
  apiUrl: string;
  signIn: { kind: 'cognito'; domain: string; clientId: string };
}

/**
 * Uploads the console built in web/dist (`npm run deploy` builds it first): hashed assets cached for a year, then
 * index.html and config.json, which are fetched again on every visit so that a deploy shows at once.
 */
export function deployConsole(scope: Construct, site: ConsoleSite, distDir: string, config: DeployedConsoleConfig): void {
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new Error(`${distDir} has no build of the console: run \`npm run build:web\` first (npm run deploy and npm test do)`);
  }
  const assets = new BucketDeployment(scope, 'ConsoleAssets', {
    sources: [Source.asset(distDir, { exclude: ['index.html', '.vite', '.vite/**'] })],
    destinationBucket: site.bucket,
    cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
    // Old assets stay: a browser still on the previous index.html may ask for them.
    prune: false,
    memoryLimit: 256,
  });
  const entry = new BucketDeployment(scope, 'ConsoleEntry', {
    sources: [Source.asset(distDir, { exclude: ['**', '!index.html'] }), Source.jsonData('config.json', config)],
    destinationBucket: site.bucket,
    cacheControl: [CacheControl.noCache()],
    prune: false,
    distribution: site.distribution,
    distributionPaths: ['/index.html', '/config.json'],
    memoryLimit: 256,
  });
  entry.node.addDependency(assets);
}
