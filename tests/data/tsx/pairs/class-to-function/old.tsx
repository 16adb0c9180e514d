import * as React from 'react';

export interface NoticeProps {
  text: string;
  onDismiss?: () => void;
}

export class Notice extends React.Component<NoticeProps> {
  render() {
    return <p onClick={this.props.onDismiss}>{this.props.text}</p>;
  }
}
