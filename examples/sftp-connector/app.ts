#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { build } from './stack';

const app = new App();
build(app);
app.synth();
