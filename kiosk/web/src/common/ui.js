// preact with htm: components are written as tagged templates, no JSX step.
import { h, render } from 'preact';
import { useState, useEffect, useRef, useMemo, useCallback } from 'preact/hooks';
import htm from 'htm';

export const html = htm.bind(h);
export { h, render, useState, useEffect, useRef, useMemo, useCallback };

// Mounts a page's root component into #app.
export function mount(Component, props = {}) {
  render(html`<${Component} ...${props} />`, document.getElementById('app'));
}
