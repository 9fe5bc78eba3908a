import { Component, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** Shown instead when the children throw while rendering. */
  fallback: ReactNode;
}

/**
 * A result view given a kept result (tokens unsigned, secrets masked) may meet data it was not
 * written for; then the plain JSON is shown rather than a blank screen.
 */
export class RenderFallback extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
