// expect: no findings
// The shape @grpc/proto-loader's type generator emits for a service client.
import type * as grpc from '@grpc/grpc-js';

export interface GetUserRequest {
  id?: string;
}

export interface User {
  id: string;
  name: string;
}

export interface UserServiceClient extends grpc.Client {
  getUser(argument: GetUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<User>): grpc.ClientUnaryCall;
  getUser(argument: GetUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<User>): grpc.ClientUnaryCall;
  getUser(argument: GetUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<User>): grpc.ClientUnaryCall;
  getUser(argument: GetUserRequest, callback: grpc.requestCallback<User>): grpc.ClientUnaryCall;
}
