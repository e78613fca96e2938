// The CDK entry point (cdk.json "app"): builds the registry app and synthesises it.
import { buildApp } from './registry-app.ts';

buildApp().app.synth();
